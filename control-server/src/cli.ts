import { loadConfig } from './config.js';
import { createApp, type App } from './app.js';
import { seedDemoIfEmpty } from './demo/seed.js';
import {
  directTarget,
  exportCeremony,
  importCeremony,
  importGuests,
  importNominees,
  pinsCommand,
  purgeCommand,
  resolveFrom,
  type CliContext,
  type DirectContext,
} from './cli.commands.js';
import { exportPackage, importPackage } from './cli.package.js';
import { newCeremonyCommand } from './cli.ceremony.js';
import { remoteTarget, serving } from './cli.remote.js';
import { liveServer } from './server.record.js';
import { newHubId } from './store/hub.js';
import { openSharedStore } from './store/postgres/shared.store.js';

/**
 * Small admin commands for the night before and the morning after: `npm run cli -- <command>`.
 * While a server runs on the same DATA_DIR, these go through it (its HTTP API), never around it.
 */
const throughServer: Record<string, (ctx: CliContext, args: string[]) => number | Promise<number>> = {
  pins: pinsCommand,
  'import-guests': importGuests,
  'import-nominees': importNominees,
  'export-ceremony': exportCeremony,
  'import-ceremony': importCeremony,
  'export-package': exportPackage,
  'import-package': importPackage,
  'new-ceremony': newCeremonyCommand,
};
/** Commands the server has no endpoint for: they need the data folder to themselves. */
const serverStopped: Record<string, (ctx: DirectContext, args: string[]) => number | Promise<number>> = {
  'purge-personal-data': purgeCommand,
};

/** The commands that, with DATABASE_URL, write to the PostgreSQL the hubs share. */
const [name, ...args] = process.argv.slice(2);
if (!name || !(name in throughServer || name in serverStopped)) {
  const names = [...Object.keys(throughServer), ...Object.keys(serverStopped)];
  console.error(`Usage: npm run cli -- <${names.join('|')}> [args]`);
  process.exit(2);
}
const out = (l: string) => console.log(l);
// `npm run cli` runs inside control-server/: file names are meant from where the person typed them.
const file = resolveFrom(process.env.INIT_CWD ?? process.cwd());
let app: App | undefined;
let code = 1;
try {
  // Files the CLI writes into DATA_DIR (exports, its session) are for the server's user only.
  process.umask(0o077);
  const config = loadConfig();
  const server = await liveServer(config.dataDir);
  const command = throughServer[name];
  const stopped = serverStopped[name];
  if (server && command) {
    // To stderr: `export-ceremony` without a file writes the JSON itself to stdout.
    console.error(`${serving(server)}: команда выполняется через него.`);
    code = await command({ target: remoteTarget(server, config.dataDir), file, out }, args);
  } else if (server) {
    console.error(`${serving(server)}: остановите его (Ctrl+C) и повторите.`);
  } else {
    // As the server would start on this folder: an empty one holds the demo.
    seedDemoIfEmpty(config.dataDir);
    // With other hubs, every command reaches their PostgreSQL too: opened as a hub opens it (main.ts),
    // so what is written here is what every hub then holds, and not overwritten by the next start.
    const shared = config.databaseUrl ? await openSharedStore(config.databaseUrl, newHubId()) : undefined;
    await shared?.joinEvening(config.dataDir);
    app = createApp({ config, ...(shared ? { shared } : {}) });
    if (command) code = await command({ target: directTarget(app, config.dataDir, shared), file, out }, args);
    else if (stopped) code = await stopped({ app, file, out, ...(shared ? { shared } : {}) }, args);
  }
} catch (err) {
  console.error(`Ошибка: ${(err as Error).message}`);
} finally {
  await app?.close();
}
process.exit(code);
