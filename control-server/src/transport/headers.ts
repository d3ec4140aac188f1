import type express from 'express';

/**
 * What every answer tells the browser: run only our own scripts, never inside someone's frame,
 * never guess a type, never leak a URL with a pairing code in a Referer.
 * 'unsafe-inline' styles: React's style= attributes and the printed pages' <style>.
 * data:/blob: images and media: QR codes, pages and videos the admin opens as object URLs
 * (an object URL's page inherits this policy).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' blob:",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Express middleware setting the security headers on every answer (apps, API, media). */
export function securityHeaders(peers: () => readonly string[] = () => []): express.RequestHandler {
  return (req, res, next) => {
    // Older Safari does not count ws:/wss: as 'self': name this host's sockets outright.
    const host = req.headers.host ?? '';
    const sockets = /^[\w.:[\]-]+$/.test(host) ? ` ws://${host} wss://${host}` : '';
    res.setHeader(
      'content-security-policy',
      `${CONTENT_SECURITY_POLICY}; connect-src 'self'${sockets}${peerSources(peers())}`,
    );
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    next();
  };
}

/**
 * The other hubs (several hubs on one PostgreSQL): a page must be allowed to reach them, or a
 * projector whose hub died could not move. Only the addresses the hubs announce, as they are when
 * the page loads.
 */
function peerSources(hubs: readonly string[]): string {
  const sources = new Set<string>();
  for (const hub of hubs) {
    try {
      const { origin, host, protocol } = new URL(hub);
      sources.add(origin).add(`${protocol === 'https:' ? 'wss' : 'ws'}://${host}`);
    } catch {
      // Not an address: nothing to allow.
    }
  }
  return [...sources].map((s) => ` ${s}`).join('');
}
