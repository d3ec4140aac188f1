import type express from 'express';
import { hubSources } from './hub-sources.js';

/**
 * What every answer tells the browser: run only our own scripts, never inside someone's frame,
 * never guess a type, never leak a URL with a pairing code in a Referer.
 * 'unsafe-inline' styles: React's style= attributes and the printed pages' <style>.
 * data:/blob: images and media: QR codes, pages and videos the admin opens as object URLs
 * (an object URL's page inherits this policy). Images and media also from the other hubs (below).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Express middleware setting the security headers on every answer (apps, API, media). `peers`: the
 * evening's hubs; `later`: whether hubs may start after a page loaded (several hubs on PostgreSQL),
 * which widens the sources to reach them (hub-sources.ts says why and what it gives away).
 */
export function securityHeaders(
  peers: () => readonly string[] = () => [],
  later = false,
): express.RequestHandler {
  return (req, res, next) => {
    // Older Safari does not count ws:/wss: as 'self': name this host's sockets outright.
    const host = req.headers.host ?? '';
    const sockets = /^[\w.:[\]-]+$/.test(host) ? ` ws://${host} wss://${host}` : '';
    const hubs = hubSources(peers(), later);
    const others = hubs.pages.map((s) => ` ${s}`).join('');
    const hubSockets = hubs.sockets.map((s) => ` ${s}`).join('');
    // A page that moved to another hub loads the pictures and clips it had not shown yet from there.
    res.setHeader(
      'content-security-policy',
      [
        CONTENT_SECURITY_POLICY,
        `img-src 'self' data: blob:${others}`,
        `media-src 'self' blob:${others}`,
        `connect-src 'self'${sockets}${others}${hubSockets}`,
      ].join('; '),
    );
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    next();
  };
}

/**
 * A page another hub served calls this hub's API and reads its library's files once it has moved
 * here (its own hub gone: the organiser's screens, the projector's addresses and captions). Only
 * origins the host guard let through reach this (ours, and every hub of the evening), so the Origin
 * is reflected; what authorises a call is the bearer token in its header, never a cookie, so CORS
 * adds no way in. A preflight is answered here; Content-Disposition is readable for a download's
 * file name.
 */
export function hubPagesMayCall(): express.RequestHandler {
  return (req, res, next) => {
    const origin = req.get('origin');
    if (!origin) return next();
    res.vary('origin');
    res.set({
      'access-control-allow-origin': origin,
      'access-control-expose-headers': 'content-disposition',
    });
    if (req.method !== 'OPTIONS') return next();
    res.set({
      'access-control-allow-methods': 'GET, POST, PUT, DELETE',
      'access-control-allow-headers': 'authorization, content-type',
      'access-control-max-age': '600',
    });
    res.status(204).end();
  };
}
