import fs from 'node:fs';
import path from 'node:path';
import selfsigned from 'selfsigned';
import { afterEach, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { CertificateFileError } from '../src/transport/own-certificate.js';
import { getTrusting, startServer, tempDir, type TestServer } from './helpers.js';

let s: TestServer | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

/** The organiser's certificate as their CA would issue it, for the test's own name 127.0.0.1. */
async function organiserCertificate(dir: string, name: string) {
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'ceremony.example.org' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2 as const, value: 'localhost' },
          { type: 7 as const, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  const certFile = path.join(dir, `${name}.crt`);
  const keyFile = path.join(dir, `${name}.key`);
  fs.writeFileSync(certFile, pems.cert);
  fs.writeFileSync(keyFile, pems.private);
  return { certFile, keyFile, cert: pems.cert };
}

it('serves HTTPS with the organiser’s own certificate instead of the hall root, and offers no root', async () => {
  const own = await organiserCertificate(tempDir(), 'own');
  s = await startServer({ config: { httpsPort: 0, tls: own } });
  const port = await s.app.listenHttps();
  expect(await getTrusting(`https://127.0.0.1:${port}/checkin/`, own.cert)).toBe(200);
  // No hall root made or offered: the admin's certificate QR code stays out.
  expect(fs.existsSync(path.join(s.dataDir, 'tls', 'ca-key.pem'))).toBe(false);
  expect((await fetch(`${s.url}/ca.crt`)).status).toBe(404);
  expect(((await (await fetch(`${s.url}/api/info`)).json()) as { hallRoot: boolean }).hallRoot).toBe(false);
});

it('refuses to start with a key that belongs to another certificate, or a file it cannot read', async () => {
  const dir = tempDir();
  const own = await organiserCertificate(dir, 'own');
  const other = await organiserCertificate(dir, 'other');
  s = await startServer({
    config: { httpsPort: 0, tls: { certFile: own.certFile, keyFile: other.keyFile } },
  });
  const mismatch = s.app.listenHttps();
  await expect(mismatch).rejects.toBeInstanceOf(CertificateFileError);
  await expect(mismatch).rejects.toThrow(/не подходит к сертификату/);
  await s.stop();

  const missing = path.join(dir, 'nowhere.crt');
  s = await startServer({ config: { httpsPort: 0, tls: { certFile: missing, keyFile: own.keyFile } } });
  await expect(s.app.listenHttps()).rejects.toThrow(`TLS_CERT_FILE ${missing}: файл не читается (ENOENT)`);
  await s.stop();

  fs.writeFileSync(path.join(dir, 'junk.crt'), 'not a certificate');
  s = await startServer({
    config: { httpsPort: 0, tls: { certFile: path.join(dir, 'junk.crt'), keyFile: own.keyFile } },
  });
  await expect(s.app.listenHttps()).rejects.toThrow(/не сертификат в формате PEM/);
});

it('reads TLS_CERT_FILE and TLS_KEY_FILE together, and neither alone', () => {
  const both = loadConfig({ TLS_CERT_FILE: 'own.crt', TLS_KEY_FILE: 'own.key' }, '/repo');
  expect(both.tls).toEqual({ certFile: path.resolve('own.crt'), keyFile: path.resolve('own.key') });
  expect(loadConfig({ TLS_CERT_FILE: '', TLS_KEY_FILE: '' }, '/repo').tls).toBeUndefined();
  expect(() => loadConfig({ TLS_CERT_FILE: 'own.crt' }, '/repo')).toThrow(/set both or neither/);
});
