import { describe, expect, it } from 'vitest';
import { databaseTls, DatabaseTlsError, printableUrl, sslOptions, withoutTls } from './tls.js';
import { whyTlsFailed } from './tls.explain.js';

const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';
const files: Record<string, string> = {
  '/ca.pem': CERT,
  '/client.crt': CERT,
  '/client.key': KEY,
  '/x.txt': 'hi',
};
const read = (file: string) => {
  if (file in files) return files[file]!;
  throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
};
const options = (query: string) => sslOptions(databaseTls(`postgres://u@db:5432/ceremony${query}`), read);
const ignoreName = expect.any(Function);

describe('sslOptions: libpq meaning of sslmode and sslrootcert', () => {
  it.each([
    ['', false],
    ['?sslmode=disable', false],
    ['?sslmode=require', { rejectUnauthorized: false }],
    // libpq: require with a root CA behaves as verify-ca.
    [
      '?sslmode=require&sslrootcert=/ca.pem',
      { ca: CERT, rejectUnauthorized: true, checkServerIdentity: ignoreName },
    ],
    [
      '?sslmode=verify-ca&sslrootcert=/ca.pem',
      { ca: CERT, rejectUnauthorized: true, checkServerIdentity: ignoreName },
    ],
    ['?sslmode=verify-full&sslrootcert=/ca.pem', { ca: CERT, rejectUnauthorized: true }],
    ['?sslmode=verify-full', { rejectUnauthorized: true }],
    ['?sslmode=verify-full&sslrootcert=system', { rejectUnauthorized: true }],
    ['?sslmode=verify-full&sslrootcert=%2Fca.pem&application_name=a', { ca: CERT, rejectUnauthorized: true }],
    [
      '?sslmode=verify-full&sslrootcert=/ca.pem&sslcert=/client.crt&sslkey=/client.key&sslpassword=k',
      { ca: CERT, cert: CERT, key: KEY, passphrase: 'k', rejectUnauthorized: true },
    ],
    ['?sslmode=require&sslnegotiation=direct', { rejectUnauthorized: false }],
  ])('%s', (query, expected) => expect(options(query)).toEqual(expected));

  it('checks the chain but not the name in verify-ca', () => {
    const o = options('?sslmode=verify-ca&sslrootcert=/ca.pem');
    expect(o && o.checkServerIdentity?.('elsewhere', {} as never)).toBeUndefined();
  });
});

describe('databaseTls and sslOptions refuse what they cannot honour exactly', () => {
  it.each([
    ['?sslmode=prefer', 'sslmode=prefer может тихо перейти на открытый текст'],
    ['?sslmode=allow', 'sslmode=allow может тихо перейти на открытый текст'],
    ['?sslmode=no-verify', 'sslmode=no-verify: хаб понимает disable, require, verify-ca, verify-full'],
    ['?sslrootcert=/ca.pem', 'sslrootcert/sslcert заданы без sslmode'],
    ['?sslmode=verify-ca', 'sslmode=verify-ca проверяет сертификат по sslrootcert'],
    [
      '?sslmode=require&sslrootcert=system',
      'sslrootcert=system требует sslmode=verify-full (сейчас require)',
    ],
    ['?sslmode=require&sslcert=/client.crt', 'sslcert и sslkey задаются вместе'],
    ['?ssl=true', 'параметр ssl хаб не поддерживает'],
    ['?sslmode=require&sslcrl=/crl.pem', 'параметр sslcrl хаб не поддерживает'],
    ['?sslmode=verify-full&sslrootcert=/missing.pem', 'sslrootcert=/missing.pem: файл не читается (ENOENT)'],
    ['?sslmode=verify-full&sslrootcert=/x.txt', 'sslrootcert=/x.txt: это не сертификат в формате PEM'],
    [
      '?sslmode=require&sslcert=/client.crt&sslkey=/ca.pem',
      'sslkey=/ca.pem: это не закрытый ключ в формате PEM',
    ],
  ])('%s', (query, words) => {
    expect(() => options(query)).toThrow(DatabaseTlsError);
    expect(() => options(query)).toThrow(words);
  });
});

describe('withoutTls', () => {
  it.each([
    ['postgres://u@h/db', 'postgres://u@h/db'],
    ['postgres://u@h/db?sslmode=require', 'postgres://u@h/db'],
    [
      'postgres://u@a:1,b:2/db?application_name=x&sslmode=verify-full&sslrootcert=/c&options=-c%20x',
      'postgres://u@a:1,b:2/db?application_name=x&options=-c%20x',
    ],
    [
      'postgres://u@h/db?sslnegotiation=direct&sslmode=require&uselibpqcompat=true',
      'postgres://u@h/db?sslnegotiation=direct',
    ],
  ])('%s', (url, expected) => expect(withoutTls(url)).toBe(expected));
});

describe('printableUrl', () => {
  it.each([
    ['postgres://u:secret@h:5432/db?sslmode=require', 'postgres://h:5432/db?sslmode=require'],
    [
      'postgres://u@h/db?sslmode=require&sslpassword=k&password=p',
      'postgres://h/db?sslmode=require&sslpassword=***&password=***',
    ],
  ])('%s', (url, expected) => expect(printableUrl(url)).toBe(expected));
});

describe('whyTlsFailed', () => {
  const withCa = databaseTls('postgres://h/db?sslmode=verify-full&sslrootcert=/ca.pem');
  const plain = databaseTls('postgres://h/db?sslmode=disable');
  const fail = (code: string | undefined, message: string) => Object.assign(new Error(message), { code });
  it.each([
    [
      fail('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'),
      withCa,
      'не подписал центр сертификации из sslrootcert=/ca.pem',
    ],
    [
      fail('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'),
      databaseTls('postgres://h/db?sslmode=verify-full'),
      'ни один из общедоступных центров',
    ],
    [
      fail('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"),
      withCa,
      'выдан на другое имя',
    ],
    [fail('CERT_HAS_EXPIRED', 'certificate has expired'), withCa, 'срок действия сертификата сервера истёк'],
    [
      fail(undefined, 'The server does not support SSL connections'),
      withCa,
      'сервер не принимает TLS, а sslmode=verify-full',
    ],
    [
      fail('28000', 'no pg_hba.conf entry for host "1.2.3.4", user "u", database "db", no encryption'),
      plain,
      'а в DATABASE_URL sslmode=disable',
    ],
    // The multi-host search gives up with every server's own failure inside.
    [
      new AggregateError(
        [fail('ECONNREFUSED', 'refused'), fail('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed')],
        'no writable',
      ),
      withCa,
      'не подписал',
    ],
  ])('%s', (err, tls, words) => expect(whyTlsFailed(err, tls)).toContain(words));

  it.each([
    [fail('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1')],
    [fail('28P01', 'password authentication failed for user "u"')],
    [fail('28000', 'no pg_hba.conf entry for host "1.2.3.4", user "u", database "db", SSL encryption')],
  ])('not a TLS failure: %s', (err) => expect(whyTlsFailed(err, withCa)).toBeNull());
});
