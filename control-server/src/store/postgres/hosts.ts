import pg from 'pg';
import { Primary, type Ssl } from './primary.js';
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

const primaries = new Map<string, Primary>();

/**
 * A node-postgres client that connects to whichever host of a multi-host DATABASE_URL is writable
 * now, as libpq does with `target_session_attrs=read-write` (node-postgres has no multi-host).
 */
function failoverClient(url: string, hosts: DatabaseHost[], ssl: Ssl): typeof pg.Client {
  // Keyed by the whole URL: the same servers asked with another CA are another search.
  let primary = primaries.get(url);
  if (!primary)
    primaries.set(
      url,
      (primary = new Primary(
        hosts,
        hosts.map((host) => urlFor(withoutTls(url), host)),
        ssl,
      )),
    );
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
