import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';
import { databaseTls, sslOptions, withoutTls } from './tls.js';

/** One PostgreSQL server named in DATABASE_URL. */
export interface DatabaseHost {
  host: string;
  port: number;
}

/** The port libpq assumes when a host names none. */
const DEFAULT_PORT = 5432;

/**
 * The servers a DATABASE_URL names, in its order. libpq's multi-host form
 * (`postgres://u@laptop1:5432,laptop2:5432/ceremony`) names several: the primary and its standby.
 * `[::1]:5432` is an IPv6 host. A URL without an authority (a socket path in the query) names none.
 */
export function databaseHosts(url: string): DatabaseHost[] {
  const authority = /^postgres(?:ql)?:\/\/(?:[^@/?#]*@)?([^/?#]*)/.exec(url)?.[1] ?? '';
  if (authority === '') return [];
  return authority.split(',').map((part) => {
    const ipv6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(part);
    const [host, port] = ipv6 ? [ipv6[1]!, ipv6[2]] : (part.split(':') as [string, string?]);
    return { host: decodeURIComponent(host), port: port ? Number(port) : DEFAULT_PORT };
  });
}

/** The URL with its host list replaced by the one server: what node-postgres can parse. */
export function urlFor(url: string, target: DatabaseHost): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return url.replace(
    /^(postgres(?:ql)?:\/\/(?:[^@/?#]*@)?)[^/?#]*/,
    (_whole, head: string) => `${head}${host}:${target.port}`,
  );
}

/** How node-postgres is to connect for one DATABASE_URL: the client class and its settings. */
export interface Connection {
  Client: typeof pg.Client;
  config: pg.ClientConfig;
}

/** A probe of one host waits at most this long: a laptop gone dark must not hold the others up. */
const PROBE_TIMEOUT_MS = 3000;

/** The `ssl` option of node-postgres: TLS as DATABASE_URL's sslmode asks (tls.ts). */
type Ssl = false | ConnectionOptions;

/**
 * Whether the server takes writes (a standby, in recovery, refuses them): true, false, or why it could
 * not be asked. The probe connects as every other connection does, over the same TLS.
 */
async function writable(url: string, target: DatabaseHost, ssl: Ssl): Promise<boolean | Error> {
  const probe = new pg.Client({
    connectionString: urlFor(url, target),
    ssl,
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    const { rows } = await probe.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
    return rows[0]?.standby === false;
  } catch (err) {
    return err as Error;
  } finally {
    await probe.end().catch(() => undefined);
  }
}

/**
 * The writable server among several, remembered until a connection to it fails. Every connection of
 * the hub (the store's pool, its LISTEN client, the adapter's pool) asks the same one, so after a
 * standby's promotion they all move together instead of each finding out on its own.
 */
class Primary {
  private current: DatabaseHost | null = null;
  private finding: Promise<DatabaseHost> | null = null;

  constructor(
    private readonly url: string,
    private readonly hosts: DatabaseHost[],
    private readonly ssl: Ssl,
  ) {}

  find(): Promise<DatabaseHost> {
    if (this.current) return Promise.resolve(this.current);
    // Every host at once, and the first to answer writable wins: a laptop gone dark (no answer, no
    // refusal) must not hold the connection up for its timeout. There is one primary at a time, so
    // the first writable is the writable one. Connections asking meanwhile share the answer.
    // Each server's failure travels with the answer: a certificate no CA signed is worth telling.
    this.finding ??= new Promise<DatabaseHost>((resolve, reject) => {
      let refused = 0;
      const failures: Error[] = [];
      for (const host of this.hosts)
        void writable(this.url, host, this.ssl).then((answer) => {
          if (answer === true) return resolve(host);
          if (answer instanceof Error) failures.push(answer);
          if (++refused < this.hosts.length) return;
          const names = this.hosts.map((h) => `${h.host}:${h.port}`).join(', ');
          reject(new AggregateError(failures, `no writable PostgreSQL among ${names}`));
        });
    })
      .then((found) => (this.current = found))
      .finally(() => (this.finding = null));
    return this.finding;
  }

  /** A connection to it failed: the next connection looks again (the standby may have been promoted). */
  lost(target: DatabaseHost): void {
    if (this.current === target) this.current = null;
  }
}

const primaries = new Map<string, Primary>();

/**
 * A node-postgres client that connects to whichever host of a multi-host DATABASE_URL is writable
 * now, as libpq does with `target_session_attrs=read-write` (node-postgres has no multi-host).
 */
function failoverClient(url: string, hosts: DatabaseHost[], ssl: Ssl): typeof pg.Client {
  // Keyed by the whole URL: the same servers asked with another CA are another search.
  let primary = primaries.get(url);
  if (!primary) primaries.set(url, (primary = new Primary(withoutTls(url), hosts, ssl)));
  const shared = primary;
  class FailoverClient extends pg.Client {
    override connect(): Promise<pg.Client>;
    override connect(callback: ((err: Error) => void) | ((err: null, c: pg.Client) => void)): void;
    override connect(
      callback?: ((err: Error) => void) | ((err: null, c: pg.Client) => void),
    ): Promise<pg.Client> | void {
      const connected = this.connectToPrimary();
      if (!callback) return connected;
      const answer = callback as (err: Error | null, c?: pg.Client) => void;
      connected.then(
        (client) => answer(null, client),
        (err: Error) => answer(err),
      );
    }

    private async connectToPrimary(): Promise<pg.Client> {
      const target = await shared.find();
      // The constructor took the first host; only where to dial changes, every other setting stays.
      const self = this as unknown as {
        host: string;
        port: number;
        connectionParameters: { host: string; port: number };
      };
      self.host = self.connectionParameters.host = target.host;
      self.port = self.connectionParameters.port = target.port;
      // A connection that breaks (the server stopped) sends the next one looking; a clean end does not.
      this.on('error', () => shared.lost(target));
      try {
        await super.connect();
        // Found writable a moment ago, but a server restarted as a standby would take no write.
        const { rows } = await this.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
        if (rows[0]?.standby !== false)
          throw new Error(`PostgreSQL at ${target.host}:${target.port} is a standby`);
        return this;
      } catch (err) {
        shared.lost(target);
        await this.end().catch(() => undefined);
        throw err;
      }
    }
  }
  return FailoverClient;
}

/**
 * How every connection of this hub reaches DATABASE_URL. One host: node-postgres as it is. Several
 * (a primary and its standby): the writable one, looked for again whenever a connection to it fails;
 * while none is writable, connecting fails, and commands answer `error.store.unavailable`.
 * Either way over TLS as the URL's sslmode and sslrootcert say, in libpq's meaning (tls.ts): the
 * parameters are read here and taken out of the URL node-postgres parses, which would read them its
 * own way. Throws DatabaseTlsError when they cannot be honoured (a missing CA file, sslmode=prefer).
 */
export function connectionFor(url: string): Connection {
  const ssl = sslOptions(databaseTls(url));
  const plain = withoutTls(url);
  const hosts = databaseHosts(url);
  if (hosts.length <= 1) return { Client: pg.Client, config: { connectionString: plain, ssl } };
  return {
    Client: failoverClient(url, hosts, ssl),
    config: { connectionString: urlFor(plain, hosts[0]!), ssl },
  };
}
