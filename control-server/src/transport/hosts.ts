import os from 'node:os';
import type { IncomingMessage } from 'node:http';
import type express from 'express';
import { refusal } from '@ceremony/shared';
import { send } from './http.js';

/**
 * The names this server answers to. A page on evil.example whose name is re-pointed at the hall
 * laptop (DNS rebinding) reaches us with its own Host and Origin: both must name this computer.
 */
export class OwnHosts {
  private cached: { at: number; names: Set<string> } | null = null;

  constructor(
    private readonly bound: string,
    private readonly extra: readonly string[],
    private readonly interfaces: () => ReturnType<typeof os.networkInterfaces> = os.networkInterfaces,
    /** The other hubs' base URLs (several hubs on one PostgreSQL): their pages may open our sockets. */
    private readonly peers: () => readonly string[] = () => [],
  ) {}

  /** Every own name in lower case, without port or brackets; re-read every few seconds (DHCP). */
  names(): Set<string> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < 5000) return this.cached.names;
    const hostname = os.hostname().toLowerCase();
    const names = new Set<string>(['localhost', hostname, `${hostname}.local`, ...this.extra]);
    if (this.bound !== '0.0.0.0' && this.bound !== '::') names.add(this.bound.toLowerCase());
    for (const i of Object.values(this.interfaces()).flat()) if (i) names.add(i.address.toLowerCase());
    this.cached = { at: now, names };
    return names;
  }

  /** True for a Host header (`name:port`, `[v6]:port`) that names this computer; an absent one passes. */
  isOwnHost(host: string | undefined): boolean {
    if (host === undefined || host === '') return true; // HTTP/1.0 button boxes; browsers always send it
    const name = hostName(host);
    return name !== null && (this.names().has(name) || name.endsWith('.localhost'));
  }

  /** True for an absent Origin or one whose host names this computer (any port, http or https). */
  isOwnOrigin(origin: string | undefined): boolean {
    if (origin === undefined) return true; // curl, Companion, Stream Deck: not a browser page
    try {
      const url = new URL(origin);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
      // A projector whose hub died moves here with the page its old hub served: that origin is a peer.
      return this.isOwnHost(url.host) || this.peers().some((p) => new URL(p).origin === url.origin);
    } catch {
      return false; // `null` (sandboxed frames, file://) and junk
    }
  }

  /** Both headers of a request, as Socket.IO's allowRequest and the HTTP guard read them. */
  allows(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    return (
      this.isOwnHost(req.headers.host) && this.isOwnOrigin(typeof origin === 'string' ? origin : undefined)
    );
  }

  /** Express middleware: a foreign Host or Origin gets FORBIDDEN in the error shape and reaches nothing. */
  guard(): express.RequestHandler {
    return (req, res, next) => {
      if (this.allows(req)) return next();
      send(res, refusal('FORBIDDEN', 'error.foreignHost'));
    };
  }
}

/** `Host`'s name part: `a.b:80` → `a.b`, `[::1]:80` → `::1`; null when malformed. */
export function hostName(host: string): string | null {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 1 ? h.slice(1, end) : null;
  }
  const colon = h.indexOf(':');
  if (colon !== h.lastIndexOf(':')) return h; // a bare IPv6 address
  const name = colon === -1 ? h : h.slice(0, colon);
  return /^[a-z0-9.-]+$/.test(name) ? name : null;
}
