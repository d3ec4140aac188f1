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
  /** The leaf and then the hall's root, so a phone that trusts the root can build the chain. */
  cert: string;
  /** The hall's root certificate (public): phones install it once from /ca.crt. */
  ca: string;
}

/**
 * The hall has no domain, but phones only open the camera and install the offline app on a page
 * whose certificate they trust — a certificate accepted by a tap is not enough for a service
 * worker. So the server makes its own small certificate authority once (the root's key stays in
 * DATA_DIR/tls, 0600), a phone installs the root once, and the server's certificate for its
 * addresses is issued by it: remade when an address changes, trusted all the same.
 */
export async function hallCertificate(dataDir: string, addresses: string[]): Promise<Certificate> {
  const dir = path.join(dataDir, 'tls');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const root = await hallRoot(dir);
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  if (fs.existsSync(keyFile) && fs.existsSync(certFile)) {
    const cert = fs.readFileSync(certFile, 'utf8');
    const x509 = new crypto.X509Certificate(cert);
    const covered = addresses.every((a) => x509.subjectAltName?.includes(a));
    const issued = x509.checkIssued(new crypto.X509Certificate(root.cert));
    if (issued && covered && new Date(x509.validTo).getTime() > Date.now() + 86_400_000) {
      return { key: fs.readFileSync(keyFile, 'utf8'), cert: chain(cert, root.cert), ca: root.cert };
    }
  }
  const notAfter = new Date();
  // Apple refuses server certificates valid for more than 825 days, even under a private root.
  notAfter.setDate(notAfter.getDate() + 800);
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'Ceremony Control' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate: notAfter,
    ca: root,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2 as const, value: 'localhost' },
          ...addresses.map((ip) => ({ type: 7 as const, ip })),
        ],
      },
    ],
  });
  fs.writeFileSync(keyFile, pems.private, { mode: 0o600 });
  fs.writeFileSync(certFile, pems.cert);
  return { key: pems.private, cert: chain(pems.cert, root.cert), ca: root.cert };
}

/** PEM blocks one after another: each must end its line, or OpenSSL reads one broken block. */
const chain = (...pems: string[]) => pems.map((p) => p.trimEnd() + '\n').join('');

/** The hall's root: made once, ten years, its key readable by the server's user only. */
async function hallRoot(dir: string): Promise<{ key: string; cert: string }> {
  const keyFile = path.join(dir, 'ca-key.pem');
  const certFile = path.join(dir, 'ca.pem');
  if (fs.existsSync(keyFile) && fs.existsSync(certFile)) {
    return { key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8') };
  }
  const notAfter = new Date();
  notAfter.setFullYear(notAfter.getFullYear() + 10);
  const made = crypto.randomBytes(3).toString('hex');
  const pems = await selfsigned.generate(
    [{ name: 'commonName', value: `Ceremony Control hall root ${made}` }],
    {
      keyType: 'ec',
      algorithm: 'sha256',
      notAfterDate: notAfter,
      extensions: [
        { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      ],
    },
  );
  fs.writeFileSync(keyFile, pems.private, { mode: 0o600 });
  fs.writeFileSync(certFile, pems.cert);
  return { key: pems.private, cert: pems.cert };
}

/**
 * The same app and the same Socket.IO hub over HTTPS: requests for /socket.io/ go to the one
 * engine, so phones on HTTPS and the tablet on HTTP share every room and broadcast.
 */
export function httpsServer(
  certificate: Pick<Certificate, 'key' | 'cert'>,
  app: RequestListener,
  io: AppServer,
  connectionsCheckingInterval: number,
): https.Server {
  const isSocket = (url = '') => url.startsWith('/socket.io/');
  const options = {
    key: certificate.key,
    cert: certificate.cert,
    connectionsCheckingInterval,
    handshakeTimeout: 10_000,
  };
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
