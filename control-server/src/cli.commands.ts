import fs from 'node:fs';
import path from 'node:path';
import {
  GUEST_FIELDS,
  ROLES,
  type Failure,
  type GuestField,
  type ImportMapping,
  type Answer,
  type ImportReport,
  type NomineeImportReport,
  type NewCeremonyRemovals,
  type NewCeremonyRequest,
  type Role,
  type Scenario,
} from '@ceremony/shared';
import type { App } from './app.js';
import { VERSION } from './version.js';
import { directPackageTarget, type PackageTarget } from './cli.package.js';
import { CeremonyService } from './domain/ceremony.service.js';
import { ceremonyJson, parseCeremony } from './domain/ceremony.transfer.js';
import { GuestsService, type ImportOptions } from './domain/guests.service.js';
import { NomineesService } from './domain/nominees.service.js';
import { anonymousScenario, purgePersonalData } from './domain/purge.js';
import { purgeShared } from './store/postgres/purge.store.js';
import type { SharedStore } from './store/postgres/shared.store.js';
import { guestsSql } from './store/postgres/guests.sql.js';
import { sharedWrites } from './store/postgres/part.writer.js';
import { localWrites } from './store/writes.js';
import { PurgeRepository } from './store/purge.repository.js';
import { forgetSharedMedia } from './store/postgres/media.store.js';
import { loadConfig } from './config.js';
import { CeremonyRepository } from './store/ceremony.repository.js';
import { GuestsRepository } from './store/guests.repository.js';
import { ShowRepository } from './store/show.repository.js';

/** The organiser's commands for the night before and the morning after (see README). */

/**
 * Who carries a command out: this process on the SQLite file when no server runs on the data folder
 * ({@link directTarget}), or the running server over its HTTP API (cli.remote.ts). The commands below
 * check, print and count the same way for both.
 */
export interface CliTarget extends PackageTarget {
  importGuests(bytes: Buffer, opts: Required<ImportOptions>): Promise<ImportReport | Failure>;
  importNominees(
    bytes: Buffer,
    opts: { dryRun: boolean; replace: boolean },
  ): Promise<NomineeImportReport | Failure>;
  /** The scenario as the ceremony JSON file. */
  ceremonyJson(): Promise<string>;
  /** Replaces the scenario; 'show-running' when refused because the show runs and force was not given. */
  replaceScenario(scenario: Scenario, force: boolean): Promise<'replaced' | 'show-running'>;
  /** Starts a new, empty ceremony; with dryRun only counts what would be removed. */
  newCeremony(
    request: NewCeremonyRequest,
    dryRun: boolean,
  ): Promise<Answer<{ dryRun: boolean; removes: NewCeremonyRemovals }>>;
  /**
   * A new PIN for one role (its devices are signed out); `fromEnv`: the environment sets it at start;
   * `waiting`: with the backup laptop off, it takes effect once the standby answers or `solo` runs.
   */
  resetPin(role: Role): Promise<{ pin: string; fromEnv: boolean; waiting: boolean }>;
}

export interface CliContext {
  target: CliTarget;
  /** Resolves a file name as the person typed it, from the folder they typed it in. */
  file: (name: string) => string;
  out: (line: string) => void;
}

/**
 * What a command that needs the data folder to itself gets: this process's own app, and with
 * DATABASE_URL the PostgreSQL the hubs share (the purge reaches it too).
 */
export type DirectContext = Omit<CliContext, 'target'> & { app: App; shared?: SharedStore };

/**
 * Library files removed from the command line: from this folder, and, when hubs share PostgreSQL,
 * from the record too (every running hub drops its copy on the NOTIFY, none copies them back).
 */
async function removeLibraryFiles(app: App, names: string[]): Promise<void> {
  await app.media.removeFiles(names);
  const url = loadConfig().databaseUrl;
  if (url) await forgetSharedMedia(url, names);
}

/**
 * The commands carried out on the SQLite file by this process: only when no server runs on it. With
 * `shared` (DATABASE_URL) the guest list is written to PostgreSQL first, as a hub writes it.
 */
export function directTarget(app: App, dataDir: string, shared?: SharedStore): CliTarget {
  const ceremony = new CeremonyService({
    repo: new CeremonyRepository(app.db),
    show: app.show,
    mediaDir: path.join(dataDir, 'media'),
    clock: Date.now,
    removeMedia: (names) => removeLibraryFiles(app, names),
  });
  const guestsRepo = new GuestsRepository(app.db);
  const guests = new GuestsService(
    guestsRepo,
    Date.now,
    () => app.show.snapshot().scenario,
    shared ? sharedWrites(shared, 'guests', guestsSql) : localWrites(guestsRepo),
  );
  const nominees = new NomineesService(app.show, new GuestsRepository(app.db), Date.now);
  return {
    ...directPackageTarget(app, dataDir, VERSION),
    importGuests: (bytes, opts) => guests.importFile(bytes, opts),
    importNominees: (bytes, opts) => nominees.importFile(bytes, opts, null),
    ceremonyJson: async () => ceremonyJson(app.show.snapshot().scenario),
    // The show service refuses while the show runs (CONFLICT): the same rule the server's route uses.
    replaceScenario: async (scenario, force) =>
      (await app.show.importScenario(scenario, force)).ok ? 'replaced' : 'show-running',
    newCeremony: (request, dryRun) => ceremony.newCeremony(request, dryRun, null),
    resetPin: async (role) => ({
      ...(await app.auth.resetPin(role)),
      fromEnv: app.auth.pinFromEnv.has(role),
    }),
  };
}

const flag = (args: string[], name: string) => args.includes(name);
const positional = (args: string[]) => args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--map');

/** `--map "Header=field"` (repeatable) into the mapping the import takes. */
function mappingFrom(args: string[]): ImportMapping {
  const mapping: ImportMapping = {};
  args.forEach((a, i) => {
    if (a !== '--map') return;
    const [header, field] = (args[i + 1] ?? '').split('=');
    if (!header || !field || !(field === 'ignore' || (GUEST_FIELDS as readonly string[]).includes(field)))
      throw new Error(`--map "Заголовок=поле": поле — одно из ${GUEST_FIELDS.join(', ')} или ignore`);
    mapping[header] = field as GuestField | 'ignore';
  });
  return mapping;
}

function printReport(r: ImportReport | NomineeImportReport, out: CliContext['out'], mappable = true): void {
  const read =
    r.format === 'xlsx'
      ? 'Книга Excel (.xlsx), первый лист'
      : `Кодировка: ${r.encoding}; разделитель: «${r.delimiter === '\t' ? 'TAB' : r.delimiter}»`;
  out(`${read}; строк: ${r.rows}`);
  for (const c of r.columns) out(`  ${c.header || '(пусто)'} → ${c.field ?? 'не загружается'}`);
  if (r.unknownHeaders.length)
    out(
      `Неизвестные столбцы: ${r.unknownHeaders.join(', ')}${mappable ? ' (укажите --map "Заголовок=поле")' : ' (не загружаются)'}`,
    );
  for (const e of r.errors) out(`  строка ${e.line}: ${e.message}`);
}

/** `import-guests FILE [--dry-run] [--replace] [--map "Заголовок=поле"]…` (CSV or .xlsx): exit code 1 when nothing was written. */
export async function importGuests(ctx: CliContext, args: string[]): Promise<number> {
  const [file] = positional(args);
  if (!file) throw new Error('Укажите файл: import-guests FILE [--dry-run] [--replace]');
  const dryRun = flag(args, '--dry-run');
  const report = await ctx.target.importGuests(fs.readFileSync(ctx.file(file)), {
    dryRun,
    replace: flag(args, '--replace'),
    mapping: mappingFrom(args),
  });
  if (!report.ok) {
    ctx.out(`${report.error.message}\nНичего не записано.`);
    return 1;
  }
  printReport(report, ctx.out);
  if (report.errors.length) {
    ctx.out(`Ошибок: ${report.errors.length}. Ничего не записано.`);
    return 1;
  }
  const counts = `новых ${report.created}, обновлено ${report.updated}, без изменений ${report.unchanged ?? 0}, удалено ${report.removed}`;
  ctx.out(dryRun ? `Проверка пройдена (ничего не записано): ${counts}` : `Загружено: ${counts}`);
  return 0;
}

/** `import-nominees FILE [--dry-run] [--replace]` (CSV or .xlsx): exit code 1 when nothing was written. */
export async function importNominees(ctx: CliContext, args: string[]): Promise<number> {
  const [file] = positional(args);
  if (!file) throw new Error('Укажите файл: import-nominees FILE [--dry-run] [--replace]');
  const dryRun = flag(args, '--dry-run');
  const report = await ctx.target.importNominees(fs.readFileSync(ctx.file(file)), {
    dryRun,
    replace: flag(args, '--replace'),
  });
  if (!report.ok) {
    ctx.out(`${report.error.message}\nНичего не записано.`);
    return 1;
  }
  printReport(report, ctx.out, false);
  if (report.errors.length) {
    ctx.out(`Ошибок: ${report.errors.length}. Ничего не записано.`);
    return 1;
  }
  const counts = `новых ${report.created}, обновлено ${report.updated}, удалено ${report.removed}`;
  ctx.out(dryRun ? `Проверка пройдена (ничего не записано): ${counts}` : `Загружено номинантов: ${counts}`);
  return 0;
}

/** `export-ceremony [FILE]`: the scenario as JSON, to the file or to standard output. */
export async function exportCeremony(ctx: CliContext, args: string[]): Promise<number> {
  const json = await ctx.target.ceremonyJson();
  const [file] = positional(args);
  if (!file) process.stdout.write(json);
  else {
    fs.writeFileSync(ctx.file(file), json);
    ctx.out(`Сценарий записан в ${ctx.file(file)}`);
  }
  return 0;
}

/** `import-ceremony FILE [--force]`: replaces the scenario; refused while the show runs unless forced. */
export async function importCeremony(ctx: CliContext, args: string[]): Promise<number> {
  const [file] = positional(args);
  if (!file) throw new Error('Укажите файл: import-ceremony FILE [--force]');
  let input: unknown;
  try {
    input = JSON.parse(fs.readFileSync(ctx.file(file), 'utf8'));
  } catch (err) {
    ctx.out(`Файл не читается как JSON: ${(err as Error).message}`);
    return 1;
  }
  const parsed = parseCeremony(input);
  if (!parsed.ok) {
    for (const p of parsed.problems) ctx.out(`  ${p}`);
    ctx.out('Сценарий не загружен.');
    return 1;
  }
  if ((await ctx.target.replaceScenario(parsed.scenario, flag(args, '--force'))) === 'show-running') {
    ctx.out(
      'Шоу идёт: сценарий не заменён. Если это была репетиция, завершите её в «Подготовка → Церемония» и повторите; ' +
        'во время самого вечера добавьте --force, только если это точно нужно.',
    );
    return 1;
  }
  const s = parsed.scenario;
  ctx.out(
    `Загружено «${s.ceremony.title}»: номинаций ${s.nominations.length}, номинантов ${s.nominees.length}, кадров ${s.cues.length}`,
  );
  return 0;
}

/**
 * `pins <role>`: a new PIN for one role, printed once (only its hash is kept); every device of that
 * role is signed out. The way back in when a PIN is forgotten or has leaked.
 */
export async function pinsCommand(ctx: CliContext, args: string[]): Promise<number> {
  const role = ROLES.find((r) => r === args[0]);
  if (!role) {
    ctx.out(`Укажите роль: pins <${ROLES.join('|')}>. Её ПИН будет заменён новым, её устройства выйдут.`);
    return 2;
  }
  const { pin, fromEnv, waiting } = await ctx.target.resetPin(role);
  ctx.out(`${role} ${pin}`);
  if (waiting)
    ctx.out(
      'Внимание: резервный ноутбук не отвечает. Новый ПИН-код начнёт действовать, когда он ответит или после standby.sh solo на основном ноутбуке; до тех пор действует прежний.',
    );
  if (fromEnv)
    ctx.out(
      `Внимание: ПИН этой роли задан переменной окружения; при следующем запуске сервер снова возьмёт его.`,
    );
  return 0;
}

/**
 * `purge-personal-data --yes`: after the evening, names and contacts go, the figures stay. Only on
 * the file itself: a running server would keep showing the names it holds, so cli.ts refuses then.
 */
export async function purgeCommand(ctx: DirectContext, args: string[]): Promise<number> {
  if (!flag(args, '--yes')) {
    ctx.out(
      'Удалит ФИО, организации, места, телефоны и e-mail гостей, имена жителей-номинантов и тексты ведущего. ' +
        'Цифры для отчёта останутся. Остановите сервер, сохраните отчёт и сценарий, затем повторите с --yes.',
    );
    return 2;
  }
  const now = Date.now();
  const shared = ctx.shared;
  const done = await purgePersonalData(
    new PurgeRepository(ctx.app.db),
    new GuestsRepository(ctx.app.db),
    new ShowRepository(ctx.app.db),
    now,
    (names) => removeLibraryFiles(ctx.app, names),
    shared ? () => purgeShared(shared, anonymousScenario, now) : undefined,
  );
  ctx.out(
    `Обезличено: гостей ${done.guests}, номинантов ${done.nominees}; удалено фото и видео номинантов: ${done.media}. Цифры отчёта сохранены.`,
  );
  return 0;
}

/** A file name typed in `from` (npm runs workspace scripts inside the package folder). */
export const resolveFrom = (from: string) => (name: string) => path.resolve(from, name);
