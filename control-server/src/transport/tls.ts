import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import type { RequestListener } from 'node:http';
import selfsigned from 'selfsigned';
import type { AppServer } from './socket.js';

export interface Certificate {
  key: string;
  cert: string;
}

/**
 * The hall has no domain and no certificate authority, but phones only open the camera (and
 * install the offline app) on a secure page. So the server makes its own certificate once, for
 * every address it has, and keeps it in DATA_DIR: volunteers accept it once per phone.
 */
export async function hallCertificate(dataDir: string, addresses: string[]): Promise<Certificate> {
  const dir = path.join(dataDir, 'tls');
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  if (fs.existsSync(keyFile) && fs.existsSync(certFile)) {
    const cert = fs.readFileSync(certFile, 'utf8');
    const x509 = new crypto.X509Certificate(cert);
    const covered = addresses.every((a) => x509.subjectAltName?.includes(a));
    if (covered && new Date(x509.validTo).getTime() > Date.now() + 86_400_000) {
      return { key: fs.readFileSync(keyFile, 'utf8'), cert };
    }
  }
  const notAfter = new Date();
  notAfter.setFullYear(notAfter.getFullYear() + 2);
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'Ceremony Control' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate: notAfter,
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2 as const, value: 'localhost' },
          ...addresses.map((ip) => ({ type: 7 as const, ip })),
        ],
      },
    ],
  });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(keyFile, pems.private, { mode: 0o600 });
  fs.writeFileSync(certFile, pems.cert);
  return { key: pems.private, cert: pems.cert };
}

/**
 * The same app and the same Socket.IO hub over HTTPS: requests for /socket.io/ go to the one
 * engine, so phones on HTTPS and the tablet on HTTP share every room and broadcast.
 */
export function httpsServer(
  certificate: Certificate,
  app: RequestListener,
  io: AppServer,
  connectionsCheckingInterval: number,
): https.Server {
  const isSocket = (url = '') => url.startsWith('/socket.io/');
  const options = { ...certificate, connectionsCheckingInterval, handshakeTimeout: 10_000 };
  const server = https.createServer(options, (req, res) => {
    if (isSocket(req.url)) io.engine.handleRequest(req as never, res);
    else app(req, res);
  });
  server.on('upgrade', (req, socket: Duplex, head: Buffer) => {
    if (isSocket(req.url)) io.engine.handleUpgrade(req as never, socket, head);
    else socket.destroy();
  });
  return server;
}
