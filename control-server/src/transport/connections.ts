import type { Server } from 'node:http';
import type { Server as SecureServer } from 'node:https';
import type { Socket } from 'node:net';
import type { AccessConfig } from '../config.js';

/**
 * Slow clients must not hold the server: headers and whole requests have deadlines, and one address
 * may hold only so many open connections (a slowloris from one phone cannot fill the file table).
 * Node checks the deadlines every `connectionsCheckingInterval`, set where the server is made.
 */
export function guardConnections(server: Server | SecureServer, access: AccessConfig): void {
  server.headersTimeout = access.headersTimeoutMs;
  server.requestTimeout = access.requestTimeoutMs;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const count = (open.get(address) ?? 0) + 1;
    if (count > access.maxConnectionsPerAddress) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}

/** How often Node looks for requests past their deadline: often enough for the shortest one. */
export function checkingInterval(access: AccessConfig): number {
  return Math.max(250, Math.min(access.headersTimeoutMs, 30_000) / 4);
}
