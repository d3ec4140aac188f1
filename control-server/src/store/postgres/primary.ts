import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';
import type { DatabaseHost } from './hosts.js';

/** A probe of one host waits at most this long: a laptop gone dark must not hold the others up. */
const PROBE_TIMEOUT_MS = 3000;

/** The `ssl` option of node-postgres: TLS as DATABASE_URL's sslmode asks (tls.ts). */
export type Ssl = false | ConnectionOptions;

/**
 * The server's timeline: the first 8 hex digits of its current WAL file's name. A promoted standby
 * starts a new, higher one; its old primary, started again, is still on the one before.
 */
export const SERVER_TIMELINE = `('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int`;

/** What one server answered: whether it takes writes, and on which timeline (null: it would not say). */
export interface ServerAnswer {
  writable: boolean;
  timeline: number | null;
}

/**
 * Asks one server whether it takes writes (a standby, in recovery, refuses them) and its timeline; an
 * Error says why it could not be asked. The probe connects as every other connection does, over the
 * same TLS. A server that will not tell its timeline still counts: its timeline is unknown.
 */
async function ask(connectionString: string, ssl: Ssl): Promise<ServerAnswer | Error> {
  const probe = new pg.Client({
    connectionString,
    ssl,
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    const { rows } = await probe.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
    if (rows[0]?.standby !== false) return { writable: false, timeline: null };
    const timeline = await probe
      .query<{ timeline: number }>(`SELECT ${SERVER_TIMELINE} AS timeline`)
      .then((r) => r.rows[0]!.timeline)
      .catch(() => null);
    return { writable: true, timeline };
  } catch (err) {
    return err as Error;
  } finally {
    await probe.end().catch(() => undefined);
  }
}

/**
 * None of the servers takes writes. `standbys`: how many answered as a standby (in recovery). The
 * primary gone and its standby answering is the moment for `standby.sh promote`: the apps say so.
 */
export class NoWritableServer extends AggregateError {
  constructor(
    failures: Error[],
    message: string,
    readonly standbys: number,
  ) {
    super(failures, message);
  }
}

/** What to do with the answers so far: connect to a host, wait for more, or give up. */
export type Choice =
  { kind: 'host'; index: number; stale: number[] } | { kind: 'wait' } | { kind: 'none'; stale: number[] };

/**
 * Which server to connect to, from the answers so far (by the hosts' index; undefined: not yet in).
 * Two servers may take writes at once: after a promotion, the old primary started again (a laptop
 * switched back on, its PostgreSQL starting with it). It is on the timeline before the promoted one,
 * and holds the evening as it was before the failover. So the newest timeline wins, and a hub never
 * goes back to a timeline older than one it has used (`newest`). A hub that has used one takes the
 * first writable server at least as new at once: a laptop gone dark must not hold it up. A hub that
 * has not (just started) hears every server out first.
 */
export function choosePrimary(answers: (ServerAnswer | Error | undefined)[], newest: number): Choice {
  const line = (a: ServerAnswer | Error | undefined) =>
    a && !(a instanceof Error) && a.writable ? (a.timeline ?? 0) : null;
  const lines = answers.map(line);
  const stale = lines.flatMap((t, i) => (t !== null && t < newest ? [i] : []));
  let best = -1;
  lines.forEach((t, i) => {
    if (t !== null && t >= newest && (best < 0 || t > lines[best]!)) best = i;
  });
  if (best >= 0 && newest > 0) return { kind: 'host', index: best, stale };
  if (answers.includes(undefined)) return { kind: 'wait' };
  if (best < 0) return { kind: 'none', stale };
  const older = lines.flatMap((t, i) => (t !== null && t < lines[best]! ? [i] : []));
  return { kind: 'host', index: best, stale: older };
}

/**
 * The writable server among several, remembered until a connection to it fails. Every connection of
 * the hub (the store's pool, its LISTEN client, the adapter's pool) asks the same one, so after a
 * standby's promotion they all move together instead of each finding out on its own.
 */
export class Primary {
  private current: DatabaseHost | null = null;
  private finding: Promise<DatabaseHost> | null = null;
  /** The newest timeline this hub has connected to: it never goes back to an older one. */
  private newest = 0;
  private readonly warned = new Set<string>();

  /** `urls[i]` is the URL that reaches `hosts[i]` alone. */
  constructor(
    private readonly hosts: DatabaseHost[],
    private readonly urls: string[],
    private readonly ssl: Ssl,
  ) {}

  find(): Promise<DatabaseHost> {
    if (this.current) return Promise.resolve(this.current);
    // Every host at once; connections asking meanwhile share the answer. Each server's failure
    // travels with it: a certificate no CA signed is worth telling.
    this.finding ??= new Promise<DatabaseHost>((resolve, reject) => {
      const answers: (ServerAnswer | Error | undefined)[] = this.hosts.map(() => undefined);
      let settled = false;
      const decide = () => {
        if (settled) return;
        const choice = choosePrimary(answers, this.newest);
        if (choice.kind === 'wait') return;
        settled = true;
        choice.stale.forEach((i) => this.warnStale(i, answers[i] as ServerAnswer));
        if (choice.kind === 'host') {
          const timeline = (answers[choice.index] as ServerAnswer).timeline ?? 0;
          this.newest = Math.max(this.newest, timeline);
          return resolve(this.hosts[choice.index]!);
        }
        const names = this.hosts.map((h) => `${h.host}:${h.port}`).join(', ');
        const failures = answers.filter((a): a is Error => a instanceof Error);
        const standbys = answers.filter((a) => a && !(a instanceof Error) && !a.writable).length;
        reject(new NoWritableServer(failures, `no writable PostgreSQL among ${names}`, standbys));
      };
      this.urls.forEach(
        (url, i) =>
          void ask(url, this.ssl).then((answer) => {
            answers[i] = answer;
            decide();
          }),
      );
    })
      .then((found) => (this.current = found))
      .finally(() => (this.finding = null));
    return this.finding;
  }

  /** A connection to it failed: the next connection looks again (the standby may have been promoted). */
  lost(target: DatabaseHost): void {
    if (this.current === target) this.current = null;
  }

  /** Said once per server and timeline: the organiser has an old primary to turn into a standby. */
  private warnStale(index: number, answer: ServerAnswer): void {
    const host = this.hosts[index]!;
    const key = `${host.host}:${host.port}/${answer.timeline}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    console.warn(
      `[postgres] PostgreSQL на ${host.host}:${host.port} принимает записи, но хранит вечер до переключения ` +
        `(линия времени ${answer.timeline ?? '?'}, а хаб уже работает на ${this.newest || 'более новой'}): ` +
        'это прежний основной сервер. Хаб к нему не подключается; сделайте его резервным (standby.sh clone).',
    );
  }
}
