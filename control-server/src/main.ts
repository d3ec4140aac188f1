import os from 'node:os';
import type { Role } from '@ceremony/shared';
import { createApp } from './app.js';
import { newHubId } from './store/hub.js';
import { clockNotice } from './store/postgres/evening.clock.js';
import { openSharedStore, SharedStoreError } from './store/postgres/shared.store.js';
import { seedDemoIfEmpty } from './demo/seed.js';
import { loadConfig } from './config.js';
import { CorruptDatabaseError } from './store/db.js';
import { CertificateFileError } from './transport/own-certificate.js';
import { liveServer, removeRunRecord, writeRunRecord } from './server.record.js';
import { loopDelayOnSignal, recordLoopDelay } from './loop-delay.js';

/** How long a clean stop may take before the process ends without it. */
const STOP_GRACE_MS = 15_000;

/**
 * An error that escaped every task (each timer and background job catches and logs its own, see
 * background.ts) leaves the process in a state nobody can vouch for. Say so plainly and exit
 * non-zero: systemd (or the Windows service wrapper) starts the server again within seconds, and it
 * comes back from the SQLite file with every acknowledged admission and the show where it was.
 */
function exitOnFatal(kind: string, err: unknown): void {
  console.error(`\nФАТАЛЬНАЯ ОШИБКА (${kind}): сервер завершается с кодом 1 и будет перезапущен.`, err);
  process.exit(1);
}

/** Starts the control-server for the evening and prints where each app lives and its PIN. */
async function main(): Promise<void> {
  // Everything the server writes into DATA_DIR (database, media, backups, certificate) is for its
  // own user only: the folder holds the guest list and the PIN hashes.
  process.umask(0o077);
  process.on('uncaughtException', (err) => exitOnFatal('uncaughtException', err));
  process.on('unhandledRejection', (err) => exitOnFatal('unhandledRejection', err));
  const config = loadConfig();
  // Two servers on one data folder would each keep their own show in memory and overwrite each other.
  const other = await liveServer(config.dataDir);
  if (other) {
    console.error(
      `\nОШИБКА: на папке данных ${config.dataDir} уже работает сервер (порт ${other.port}, pid ${other.pid}).\n`,
    );
    process.exit(1);
  }
  // An empty DATA_DIR starts with the demo ceremony: nothing else is needed to try the evening.
  seedDemoIfEmpty(config.dataDir);
  // Several hubs share one PostgreSQL (DATABASE_URL): migrated under a lock, so they may start together.
  const shared = config.databaseUrl ? await openSharedStore(config.databaseUrl, newHubId()) : undefined;
  const skewed = shared ? clockNotice(shared.clock.offset()) : null;
  if (skewed) console.log(skewed);
  // The first hub on a new database brings its evening; the others take theirs from there.
  await shared?.joinEvening(config.dataDir);
  const app = createApp({ config, ...(shared ? { shared } : {}) });
  const port = await app.listen();
  const securePort = await app.listenHttps();
  const oscPort = app.booth.oscPort();
  // Before the run record and the banner: whoever reads them (a service manager, a test harness)
  // may stop us at once, and a signal with no handler yet would end the process without a clean stop.
  // A stop that hangs (a connection that never ends) must not keep the laptop's port taken: a second
  // signal, or STOP_GRACE_MS, ends the process anyway. Nothing acknowledged is lost by that: every
  // answer was given after its commit, as for kill -9.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.log(`${signal}: выхожу, не дожидаясь остановки.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: останавливаюсь…`);
    setTimeout(() => {
      console.log(`Остановка заняла больше ${STOP_GRACE_MS / 1000} с: выхожу.`);
      process.exit(1);
    }, STOP_GRACE_MS).unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // How late the loop ran (a GO waits behind whatever holds it), for the bench: SIGUSR2 writes it.
  loopDelayOnSignal(config.dataDir, recordLoopDelay());
  // Told only now that it answers: the admin CLI sends its commands through this server (see cli.ts),
  // and test and bench harnesses read the port here, never from the banner's wording.
  writeRunRecord(config.dataDir, { pid: process.pid, port, host: config.host, startedAt: Date.now() });
  // On a clean stop (and on a crash that still exits): a SIGKILL leaves it, and readers see it is stale.
  process.once('exit', () => removeRunRecord(config.dataDir, process.pid));
  const hosts =
    config.host === '0.0.0.0'
      ? [
          'localhost',
          ...Object.values(os.networkInterfaces())
            .flat()
            .filter((i) => i && i.family === 'IPv4' && !i.internal)
            .map((i) => i!.address),
        ]
      : [config.host];
  const base = `http://${hosts[0]}:${port}`;
  // With HTTPS on, plain HTTP answers only this computer (and the hardware buttons): every
  // address printed for other devices is the HTTPS one, so no PIN crosses the Wi-Fi in clear.
  const lan =
    securePort !== null
      ? `https://${hosts[1] ?? hosts[0]}:${securePort}`
      : hosts[1]
        ? `http://${hosts[1]}:${port}`
        : base;
  const secure = lan;
  const { freshPins, pinFromEnv } = app.auth;
  // Only a PIN made just now is printed: the file keeps hashes, and a banner in a terminal
  // scroll-back or a log must not hand out the PINs of every later start.
  const pin = (role: Role) =>
    freshPins[role] ?? (pinFromEnv.has(role) ? 'из переменной окружения' : 'прежний');
  const anyFresh = Object.keys(freshPins).length > 0;
  console.log(
    [
      '',
      `Ceremony Control слушает порт ${port} (данные: ${config.dataDir})`,
      '',
      `  Пульт ведущего   ${lan}/host/       ПИН ведущего: ${pin('host')}, администратора: ${pin('admin')}`,
      `  Экран сцены      ${lan}/display/    ПИН экрана: ${pin('display')}`,
      `  Регистрация      ${secure}/checkin/    ПИН волонтёра: ${pin('volunteer')}`,
      '',
      anyFresh
        ? '  Новые ПИН-коды показаны один раз: запишите их. Забытый ПИН заменяет npm run cli -- pins <роль>.'
        : '  ПИН-коды не показываются. Забытый ПИН заменяет npm run cli -- pins <роль>.',
      ...(securePort === null
        ? []
        : [
            '',
            `  Планшеты, экраны и телефоны открывают приложения только по https (порт ${securePort}):`,
            '  ПИН-коды не идут по Wi-Fi открытым текстом. Кнопки GO (Companion, Stream Deck) работают',
            `  и по http://…:${port}/api/show/… (выключает PLAIN_HTTP_SHOW=off).`,
          ]),
      ...(oscPort === null
        ? []
        : ['', `  OSC: команды по UDP порт ${oscPort} от ${config.booth?.oscAllow.join(', ')}`]),
      '',
      `  На этом компьютере: ${base}/host/`,
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  const plain =
    err instanceof CorruptDatabaseError ||
    err instanceof CertificateFileError ||
    err instanceof SharedStoreError;
  console.error(plain ? `\nОШИБКА: ${err.message}\n` : err);
  process.exit(1);
});
