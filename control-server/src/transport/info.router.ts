import os from 'node:os';
import express from 'express';

type Interfaces = ReturnType<typeof os.networkInterfaces>;

/**
 * The addresses other devices in the hall can open, best first: non-loopback IPv4, then IPv6,
 * then loopback. A server bound to one address offers only that one.
 */
export function lanUrls(
  host: string,
  port: number,
  interfaces: Interfaces = os.networkInterfaces(),
): string[] {
  const wildcard = host === '0.0.0.0' || host === '::';
  if (!wildcard) return [`http://${host.includes(':') ? `[${host}]` : host}:${port}`];
  const rank = (i: os.NetworkInterfaceInfo) => (i.internal ? 2 : i.family === 'IPv4' ? 0 : 1);
  return Object.values(interfaces)
    .flat()
    .filter(
      (i): i is os.NetworkInterfaceInfo => !!i && !(i.family === 'IPv6' && i.address.startsWith('fe80')),
    )
    .sort((a, b) => rank(a) - rank(b))
    .map((i) => `http://${i.family === 'IPv6' ? `[${i.address}]` : i.address}:${port}`);
}

/**
 * `GET /api/info`, unauthenticated: where phones can reach this server. The projector may have
 * opened its page via localhost, yet the finale's QR code must carry an address a phone can use.
 */
export function infoRouter(
  host: string,
  httpsPort: () => number | null = () => null,
  hallRoot: () => boolean = () => false,
  hubs: () => string[] = () => [],
): express.Router {
  const router = express.Router();
  router.get('/info', (req, res) => {
    const secure = httpsPort();
    // A page another hub served asks here for the list after moving: CORS is hubPagesMayCall's.
    res.set('cache-control', 'no-cache').json({
      ok: true,
      lanUrls: lanUrls(host, req.socket.localPort ?? 0),
      // Phones need these for the camera: same addresses, the HTTPS port.
      httpsUrls: secure === null ? [] : lanUrls(host, secure).map((u) => u.replace(/^http:/, 'https:')),
      // Whether /ca.crt serves a root for phones to install (not with HTTPS off or the organiser's own certificate).
      hallRoot: hallRoot(),
      // Every hub of the evening, this one first: where a client goes when its hub is gone.
      hubs: hubs(),
    });
  });
  return router;
}

/** The machine's own non-internal IPv4 addresses, for the hall certificate. */
export function lanAddresses(interfaces: Interfaces = os.networkInterfaces()): string[] {
  return Object.values(interfaces)
    .flat()
    .filter((i): i is os.NetworkInterfaceInfo => !!i && i.family === 'IPv4')
    .map((i) => i.address);
}
