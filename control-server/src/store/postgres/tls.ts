import fs from 'node:fs';
import path from 'node:path';
import type { ConnectionOptions } from 'node:tls';

/**
 * DATABASE_URL's TLS parameters, read as libpq reads them, because a managed PostgreSQL hands out a
 * libpq URL (`?sslmode=verify-full&sslrootcert=/etc/ceremony/provider-ca.pem`) and its people expect
 * libpq's meaning. node-postgres reads them its own way (pg-connection-string 2.x: `require`,
 * `verify-ca` and `prefer` all mean verify-full, with a deprecation warning, unless
 * `uselibpqcompat=true`; PGSSLMODE=require also verifies), so the hub reads them itself, hands
 * node-postgres the URL without them, and gives it the TLS options explicitly.
 */

/** The sslmode values a hub takes. libpq's `allow` and `prefer` are refused: they fall back to plain text. */
export type SslMode = 'disable' | 'require' | 'verify-ca' | 'verify-full';

/** The TLS settings of one DATABASE_URL. */
export interface DatabaseTls {
  /** null: the URL names no sslmode, and the hub connects in plain text (node-postgres' default). */
  mode: SslMode | null;
  /** A CA file, `system` (Node's list of public CAs, as libpq 16's `sslrootcert=system`), or null. */
  rootCert: string | null;
  /** A client certificate and its key (some providers ask for one), both or neither. */
  cert: string | null;
  key: string | null;
  password: string | null;
}

/** DATABASE_URL's TLS settings are wrong in themselves: said in words for the organiser, the hub does not start. */
export class DatabaseTlsError extends Error {}

/** Parameters this module reads and takes out of the URL node-postgres is given. */
const OURS = new Set(['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'sslpassword', 'uselibpqcompat']);
/** TLS parameters node-postgres carries out as libpq does: left in the URL. */
const PASSED = new Set(['sslnegotiation']);
const MODES: readonly string[] = ['disable', 'require', 'verify-ca', 'verify-full'];

/** The URL's query parameters, decoded as libpq decodes them (percent-escapes only, `+` is a plus). */
function queryOf(url: string): [string, string][] {
  const at = url.indexOf('?');
  if (at < 0) return [];
  const query = url.slice(at + 1).split('#')[0]!;
  return query
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const [name, value] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
      return [decodeURIComponent(name), decodeURIComponent(value)];
    });
}

/** Reads the TLS parameters of a DATABASE_URL; throws DatabaseTlsError for one the hubs cannot honour exactly. */
export function databaseTls(url: string): DatabaseTls {
  const params = new Map(queryOf(url));
  for (const name of params.keys())
    if ((name.startsWith('ssl') || name === 'requiressl') && !OURS.has(name) && !PASSED.has(name))
      throw new DatabaseTlsError(
        `параметр ${name} хаб не поддерживает; TLS задают sslmode, sslrootcert, sslcert, sslkey, sslpassword`,
      );
  const get = (name: string) => params.get(name) || null;
  const mode = get('sslmode');
  if (mode === 'allow' || mode === 'prefer')
    throw new DatabaseTlsError(
      `sslmode=${mode} может тихо перейти на открытый текст, хаб так не подключается: укажите sslmode=verify-full (или require, verify-ca; disable — только в доверенной сети)`,
    );
  if (mode !== null && !MODES.includes(mode))
    throw new DatabaseTlsError(`sslmode=${mode}: хаб понимает disable, require, verify-ca, verify-full`);
  const tls: DatabaseTls = {
    mode: mode as SslMode | null,
    rootCert: get('sslrootcert'),
    cert: get('sslcert'),
    key: get('sslkey'),
    password: get('sslpassword'),
  };
  const verifying = tls.rootCert !== null || tls.cert !== null || tls.key !== null;
  // A CA named without a mode asks for checks that no mode would make: say so rather than skip them.
  if (tls.mode === null && verifying)
    throw new DatabaseTlsError('sslrootcert/sslcert заданы без sslmode: добавьте sslmode=verify-full');
  if (tls.mode === 'verify-ca' && tls.rootCert === null)
    throw new DatabaseTlsError(
      'sslmode=verify-ca проверяет сертификат по sslrootcert: укажите файл центра сертификации',
    );
  // libpq 16 refuses the same: trusting every public CA without checking the name trusts anyone's certificate.
  if (tls.rootCert === 'system' && tls.mode !== 'verify-full')
    throw new DatabaseTlsError(`sslrootcert=system требует sslmode=verify-full (сейчас ${tls.mode})`);
  if ((tls.cert === null) !== (tls.key === null))
    throw new DatabaseTlsError('sslcert и sslkey задаются вместе');
  return tls;
}

/** The URL without the parameters databaseTls took: what node-postgres is given beside sslOptions. */
export function withoutTls(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const [query, fragment] = url.slice(at + 1).split('#') as [string, string?];
  const kept = query.split('&').filter((pair) => pair && !OURS.has(decodeURIComponent(pair.split('=')[0]!)));
  return url.slice(0, at) + (kept.length ? `?${kept.join('&')}` : '') + (fragment ? `#${fragment}` : '');
}

/** The URL as it may be printed or logged: no password, neither the user's nor the client key's. */
export function printableUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//').replace(/([?&](?:ssl)?password=)[^&#]*/g, '$1***');
}

type ReadFile = (file: string) => string;

/** A PEM file the TLS settings name, checked now: a wrong path is an error at start, not at the first GO. */
function pem(read: ReadFile, parameter: string, file: string, kind: 'CERTIFICATE' | 'PRIVATE KEY'): string {
  let text: string;
  try {
    text = read(path.resolve(file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new DatabaseTlsError(`${parameter}=${file}: файл не читается (${code})`);
  }
  if (!new RegExp(`-----BEGIN [A-Z ]*${kind}-----`).test(text))
    throw new DatabaseTlsError(
      `${parameter}=${file}: это не ${kind === 'CERTIFICATE' ? 'сертификат' : 'закрытый ключ'} в формате PEM`,
    );
  return text;
}

/**
 * node-postgres' `ssl` option for these settings, libpq's meaning: `disable` (and no sslmode) plain
 * text; `require` encrypted without checking the certificate, or checking its chain when sslrootcert
 * names a CA (libpq: "the same as verify-ca"); `verify-ca` the chain against sslrootcert, not the name;
 * `verify-full` the chain and the server's name (sslrootcert's CA, or Node's public CAs without one).
 */
export function sslOptions(
  tls: DatabaseTls,
  read: ReadFile = (file) => fs.readFileSync(file, 'utf8'),
): false | ConnectionOptions {
  if (tls.mode === null || tls.mode === 'disable') return false;
  const options: ConnectionOptions = {};
  if (tls.cert !== null && tls.key !== null) {
    options.cert = pem(read, 'sslcert', tls.cert, 'CERTIFICATE');
    options.key = pem(read, 'sslkey', tls.key, 'PRIVATE KEY');
    if (tls.password !== null) options.passphrase = tls.password;
  }
  const ca = tls.rootCert !== null && tls.rootCert !== 'system';
  if (ca) options.ca = pem(read, 'sslrootcert', tls.rootCert!, 'CERTIFICATE');
  if (tls.mode === 'require' && !ca) return { ...options, rejectUnauthorized: false };
  options.rejectUnauthorized = true;
  // The chain is checked against the CA; the name in the certificate is not (verify-ca, require with a CA).
  if (tls.mode !== 'verify-full') options.checkServerIdentity = () => undefined;
  return options;
}
