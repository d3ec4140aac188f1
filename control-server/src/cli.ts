import { loadConfig } from './config.js';
import { createApp } from './app.js';

/** Small admin commands for the night before and the morning after: `npm run cli -- <command>`. */
const commands: Record<string, (args: string[]) => Promise<void> | void> = {
  pins() {
    const app = createApp({ config: loadConfig() });
    const { pins } = app.auth;
    console.log(
      `admin ${pins.admin}\nhost ${pins.host}\nvolunteer ${pins.volunteer}\ndisplay ${pins.display}`,
    );
    void app.close();
  },
};

const [name, ...args] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  console.error(`Usage: npm run cli -- <${Object.keys(commands).join('|')}> [args]`);
  process.exit(2);
}
await command(args);
