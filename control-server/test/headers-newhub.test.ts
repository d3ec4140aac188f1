import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import type { Role } from '@ceremony/shared';
import { arrivals, startServer, tempDir, type TestServer, type TestSocket } from './helpers.js';
import { startPostgres, type TestPostgres } from './postgres.js';
import { allows } from './csp-sources.js';

const cspOf = async (url: string) => (await fetch(url)).headers.get('content-security-policy') ?? '';
const handshake = (hub: string, origin: string) =>
  fetch(`${hub}/socket.io/?EIO=4&transport=polling`, { headers: { origin } }).then((r) => r.status);
const ROLES: Role[] = ['admin', 'host', 'volunteer', 'display'];

describe('a page served before hub B first started may reach hub B', () => {
  let db: TestPostgres;
  let a: TestServer;
  let b: TestServer | null = null;
  beforeAll(async () => {
    db = await startPostgres();
    a = await startServer({ dataDir: tempDir(), config: { databaseUrl: db.url } });
  }, 60_000);
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    db?.remove();
  });

  it("its policy allows B's address (a second hub on this machine, a new port), never an unrelated one; every role hears of B", async () => {
    // The page as the projector got it while A was the evening's only hub.
    const policy = await cspOf(`${a.url}/display/`);
    const sockets: TestSocket[] = [];
    const lists = new Map<Role, string[][]>();
    for (const role of ROLES) {
      const heard: string[][] = [];
      lists.set(role, heard);
      // The listener first: the list comes right after the snapshot on connect.
      const socket: TestSocket = connect(a.url, {
        auth: { token: await a.tokenAsync(role) },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        autoConnect: false,
      });
      socket.on('hubs:list', ({ hubs }) => heard.push(hubs));
      socket.connect();
      sockets.push(socket);
      await arrivals(socket, 'hubs:list', heard, 1);
      expect(heard[0], role).toEqual([a.url]);
    }

    try {
      b = await startServer({ dataDir: tempDir(), config: { databaseUrl: db.url } });
      const hubB = b.url;
      expect(new URL(hubB).port).not.toBe(new URL(a.url).port);
      for (const directive of ['connect-src', 'img-src', 'media-src'])
        expect(allows(policy, directive, `${hubB}/media/x.jpg`), directive).toBe(true);
      expect(allows(policy, 'connect-src', `${hubB.replace('http', 'ws')}/socket.io/`)).toBe(true);

      // Not an unrelated host on an unrelated port, nor the standard ports of the web.
      for (const stranger of ['http://192.0.2.99:9', 'http://evil.example', 'https://evil.example'])
        expect(allows(policy, 'connect-src', stranger), stranger).toBe(false);
      expect(allows(policy, 'connect-src', 'ws://192.0.2.99:9')).toBe(false);
      // Any host on A's port is allowed by the policy (a second laptop set up like the first): the
      // price of the wildcard. The hubs themselves still let in only the evening's pages.
      const samePort = `http://192.0.2.99:${new URL(a.url).port}`;
      expect(allows(policy, 'connect-src', samePort)).toBe(true);
      expect(await handshake(hubB, samePort)).toBe(403);
      expect(await handshake(hubB, a.url)).toBe(200);

      // A hears of B on its heartbeat and tells every role's screens, without their asking.
      for (const [i, role] of ROLES.entries()) {
        const heard = lists.get(role)!;
        await arrivals(sockets[i]!, 'hubs:list', heard, 2, 10_000);
        expect(heard.at(-1), role).toEqual([a.url, hubB]);
      }
    } finally {
      for (const s of sockets) s.close();
    }
  }, 30_000);
});

describe('a hub alone on SQLite', () => {
  let s: TestServer | null = null;
  afterEach(async () => {
    await s?.stop();
    s = null;
  });

  it('names only its own addresses: no other hub can start on its evening, so nothing is widened', async () => {
    s = await startServer();
    const policy = await cspOf(`${s.url}/display/`);
    expect(policy).not.toContain('*');
    expect(allows(policy, 'connect-src', s.url)).toBe(true);
    const otherPort = `http://127.0.0.1:${Number(new URL(s.url).port) + 1}`;
    expect(allows(policy, 'connect-src', otherPort)).toBe(false);
  });
});
