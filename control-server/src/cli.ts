import { loadConfig } from './config.js';
import { createApp, type App } from './app.js';
import {
  exportCeremony,
  importCeremony,
  importGuests,
  purgeCommand,
  resolveFrom,
  type CliContext,
} from './cli.commands.js';

/** Small admin commands for the night before and the morning after: `npm run cli -- <command>`. */
const commands: Record<string, (ctx: CliContext, args: string[]) => number | Promise<number>> = {
  pins({ app, out }) {
    const { pins } = app.auth;
    out(`admin ${pins.admin}\nhost ${pins.host}\nvolunteer ${pins.volunteer}\ndisplay ${pins.display}`);
    return 0;
  },
  'import-guests': importGuests,
  'export-ceremony': exportCeremony,
  'import-ceremony': importCeremony,
  'purge-personal-data': purgeCommand,
};

const [name, ...args] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  console.error(`Usage: npm run cli -- <${Object.keys(commands).join('|')}> [args]`);
  process.exit(2);
}
let app: App | undefined;
let code = 1;
try {
  app = createApp({ config: loadConfig() });
  // `npm run cli` runs inside control-server/: file names are meant from where the person typed them.
  code = await command(
    { app, file: resolveFrom(process.env.INIT_CWD ?? process.cwd()), out: (l) => console.log(l) },
    args,
  );
} catch (err) {
  console.error(`Ошибка: ${(err as Error).message}`);
} finally {
  await app?.close();
}
process.exit(code);
