import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type express from 'express';
import { refusal } from '@ceremony/shared';
import { send } from './http.js';

/**
 * Plain HTTP crosses the venue Wi-Fi in clear: a PIN or a token sent over it is anyone's. With
 * HTTPS on, plain HTTP answers this computer itself (the CLI, a browser on the laptop), the guests'
 * public feedback page (no secret in it), `/ca.crt` (a phone needs it before it trusts HTTPS), and,
 * where the admin allows it (PLAIN_HTTP_SHOW), the hardware buttons' show commands.
 * Everything else: pages are redirected to HTTPS, API calls and sockets are refused.
 */
export interface PlainHttpRules {
  /** The HTTPS port once it listens; null: no HTTPS, plain HTTP serves everything as before. */
  httpsPort: () => number | null;
  /** Companion / Stream Deck keep firing GO over plain HTTP. */
  showButtons: boolean;
}

const SHOW_BUTTONS = /^\/api\/show\/(go|back|goto|blackout|state|state\/stream)\/?$/;
const PUBLIC =
  /^\/(ca\.crt|api\/feedback\/?|api\/health\/?|checkin\/feedback\/?|checkin\/assets\/.*|media\/.*)$/;

/** True when this request may be answered over plain HTTP. */
export function plainAllowed(req: IncomingMessage, rules: PlainHttpRules): boolean {
  if ((req.socket as TLSSocket).encrypted || rules.httpsPort() === null) return true;
  if (fromThisComputer(req.socket)) return true;
  const path = (req.url ?? '/').split('?')[0]!;
  if (PUBLIC.test(path)) return true;
  return rules.showButtons && SHOW_BUTTONS.test(path);
}

/** Express middleware: pages go to the same address over HTTPS; the API answers FORBIDDEN. */
export function plainHttpGuard(rules: PlainHttpRules): express.RequestHandler {
  return (req, res, next) => {
    if (plainAllowed(req, rules)) return next();
    const target = `https://${hostOnly(req.headers.host ?? req.socket.localAddress ?? '')}:${rules.httpsPort()}${req.originalUrl}`;
    if ((req.method === 'GET' || req.method === 'HEAD') && !req.path.startsWith('/api/'))
      return res.redirect(308, target);
    send(res, refusal('FORBIDDEN', 'error.httpsOnly', { address: target }));
  };
}

/**
 * A connection this computer made to itself arrives from the address it was sent to (127.0.0.1 to
 * 127.0.0.1, or the laptop's own Wi-Fi address to itself): those bytes never cross the Wi-Fi.
 */
function fromThisComputer(socket: { remoteAddress?: string; localAddress?: string }): boolean {
  const plain = (a = '') => (a.startsWith('::ffff:') ? a.slice(7) : a);
  return socket.remoteAddress !== undefined && plain(socket.remoteAddress) === plain(socket.localAddress);
}

/** The Host header without its port, IPv6 brackets kept. */
function hostOnly(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.includes(':') && host.indexOf(':') === host.lastIndexOf(':') ? host.split(':')[0]! : host;
}
