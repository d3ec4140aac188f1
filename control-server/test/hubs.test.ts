import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisplayStatus, HubStatus, ShowStateMessage } from '@ceremony/shared';
import pgClient from 'pg';
import { io as connect } from 'socket.io-client';
import { arrivals, ask, http, startServer, type TestServer, type TestSocket } from './helpers.js';
import { HUB_HEARTBEAT_MS } from '../src/transport/hubs.js';
import { startPostgres, type PostgresCluster } from './pg-cluster.js';
import { allows } from './csp-sources.js';

/** Resolves once every hub's adapter has heard the others' heartbeat (they broadcast to each other). */
async function joined(hubs: TestServer[], timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await Promise.all(hubs.map((h) => h.app.io.of('/').adapter.serverCount()));
    if (counts.every((c) => c === hubs.length)) return;
    if (Date.now() > deadline) throw new Error(`hubs see ${counts.join(', ')} of ${hubs.length} hubs`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('two hubs on one PostgreSQL: broadcasts reach every hub', () => {
  let pg: PostgresCluster;
  let a: TestServer;
  let b: TestServer;

  /** The heartbeat row a hub killed without a clean stop leaves behind, last heard `ago`. */
  async function leftBehind(id: string, url: string, ago: string): Promise<void> {
    const sql = new pgClient.Client({ connectionString: pg.url });
    await sql.connect();
    try {
      await sql.query(`INSERT INTO hubs (id, urls, seen_at) VALUES ($1, $2, NOW() - $3::interval)`, [
        id,
        JSON.stringify([url]),
        ago,
      ]);
    } finally {
      await sql.end();
    }
  }

  beforeAll(async () => {
    pg = await startPostgres();
    a = await startServer({ config: { databaseUrl: pg.url } });
    b = await startServer({ config: { databaseUrl: pg.url } });
    await joined([a, b]);
  }, 60_000);
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await pg?.stop();
  });

  it("a GO on hub A reaches the display on hub B, and the host's answer comes from A", async () => {
    const display = await b.socket('display');
    const host = await a.socket('host');
    const states: ShowStateMessage[] = [];
    display.on('show:state', (s) => states.push(s));
    const answer = await ask(host, 'show:go', { expectedRevision: 0 });
    expect(answer.ok).toBe(true);
    await arrivals(display, 'show:state', states, 1);
    const { view, ...state } = states[0]!;
    expect(state).toEqual(answer.state);
    // The first cue went live, so the display's view moved: its state carried what changed in it.
    expect(view?.cues.map((c) => c.id)).toContain(answer.state.cueId);
  });

  it('a snapshot broadcast on hub B (an edit) reaches the admin on hub A', async () => {
    const admin = await a.socket('admin');
    const snapshots: unknown[] = [];
    admin.on('show:snapshot', (s) => snapshots.push(s));
    const current = b.app.show.snapshot();
    b.app.io.to('role:admin').emit('show:snapshot', current);
    await arrivals(admin, 'show:snapshot', snapshots, 1);
    // Larger than NOTIFY's 8000 bytes: it went through the adapter's attachments table.
    expect(JSON.stringify(snapshots[0]).length).toBeGreaterThan(8000);
    expect(snapshots[0]).toEqual(JSON.parse(JSON.stringify(current)));
  });

  it('check-in stats from hub A reach a volunteer on hub B', async () => {
    const volunteer = await b.socket('volunteer');
    const stats: unknown[] = [];
    volunteer.on('checkin:stats', (s) => stats.push(s));
    a.app.io.to('role:volunteer').emit('checkin:stats', a.app.checkin.stats());
    await arrivals(volunteer, 'checkin:stats', stats, 1);
    expect(stats[0]).toEqual(JSON.parse(JSON.stringify(a.app.checkin.stats())));
  });

  it("fetchSockets on one hub finds the other hub's displays", async () => {
    await b.socket('display');
    const onA = await a.app.io.in('role:display').fetchSockets();
    const local = a.app.io.of('/').adapter.rooms.get('role:display')?.size ?? 0;
    const onB = b.app.io.of('/').adapter.rooms.get('role:display')?.size ?? 0;
    expect(onB).toBeGreaterThan(0);
    expect(onA.length).toBe(local + onB);
  });

  it('the admin on hub A lists the screens connected to hub B', async () => {
    const admin = await a.socket('admin');
    let latest: DisplayStatus[] = [];
    admin.on('displays:status', (list) => (latest = list));
    const screen = await b.app.auth.grant('display');
    await b.socketWithToken(screen.token);
    await expect
      .poll(() => latest.find((d) => d.deviceId === screen.deviceId)?.connected, { timeout: 5000 })
      .toBe(true);
    // …and so does the admin who connects to hub A only now (the list sent on connect).
    const late: TestSocket = connect(a.url, {
      auth: { token: await a.tokenAsync('admin') },
      transports: ['websocket'],
    });
    try {
      const first = await new Promise<DisplayStatus[]>((resolve) => late.once('displays:status', resolve));
      expect(first.some((d) => d.deviceId === screen.deviceId && d.connected)).toBe(true);
    } finally {
      late.close();
    }
  });

  it("/api/info on either hub lists both hubs' addresses, its own first", async () => {
    // A hub learns of the others on its heartbeat (HUB_HEARTBEAT_MS): wait for both lists to fill.
    const hubsOf = async (s: TestServer) =>
      ((await http(`${s.url}/api/info`)).body as { hubs: string[] }).hubs;
    const deadline = Date.now() + 3 * HUB_HEARTBEAT_MS;
    while ((await hubsOf(a)).length < 2 || (await hubsOf(b)).length < 2) {
      if (Date.now() > deadline)
        throw new Error(`hubs listed: ${String(await hubsOf(a))} / ${String(await hubsOf(b))}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await hubsOf(a)).toEqual([a.url, b.url]);
    expect(await hubsOf(b)).toEqual([b.url, a.url]);
  });

  it('a pairing QR carries every hub of the evening, also one that crashed a minute ago; /api/info only the live ones', async () => {
    const crashed = 'http://127.0.0.1:1';
    await leftBehind('crashed', crashed, '1 minute');
    const admin = await a.tokenAsync('admin');
    const pairing = async () =>
      (
        await http(`${a.url}/api/admin/pairing`, {
          method: 'POST',
          token: admin,
          json: { role: 'volunteer' },
        })
      ).body as { hubs: string[] };
    // The heartbeat reads the rows again every HUB_HEARTBEAT_MS.
    await expect
      .poll(async () => (await pairing()).hubs, { timeout: 3 * HUB_HEARTBEAT_MS })
      .toEqual([a.url, b.url, crashed]);
    expect(((await http(`${a.url}/api/info`)).body as { hubs: string[] }).hubs).toEqual([a.url, b.url]);
  });

  it("the admin's list of hubs: both live, each hub marked on itself, one gone quiet with how long", async () => {
    await leftBehind('gone-quiet', 'http://127.0.0.1:2', '90 seconds');
    const listOf = async (s: TestServer) =>
      (await http(`${s.url}/api/admin/hubs`, { token: await s.tokenAsync('admin') })).body as {
        store: string;
        version: string;
        hubs: HubStatus[];
      };
    for (const [s, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const list = await listOf(s);
      expect(list.store).toBe('postgres');
      const mine = list.hubs.find((h) => h.self)!;
      expect(mine.urls).toEqual([s.url]);
      expect(mine).toMatchObject({ live: true, version: list.version });
      // Both hubs in this process read one clock: nothing to say about it.
      expect(Math.abs(mine.clockOffsetMs)).toBeLessThan(1000);
      expect(list.hubs.find((h) => h.urls[0] === other.url)).toMatchObject({ self: false, live: true });
      const quiet = list.hubs.find((h) => h.id === 'gone-quiet')!;
      expect(quiet.live).toBe(false);
      expect(quiet.silentS).toBeGreaterThanOrEqual(90);
    }
  });

  it("a page served by a hub that went silent still opens this hub's sockets, and its own CSP names every hub of the evening", async () => {
    // Phones and the projector keep the page the lost hub served (its offline copy): minutes later,
    // after a blip or a sleep, they must still be let in here. On loopback every port is this
    // computer, so the silent hub has an address on the LAN (TEST-NET) that is not ours.
    const silent = 'http://192.0.2.7:8080';
    await leftBehind('silent', silent, '5 minutes');
    const handshake = (origin: string) =>
      fetch(`${a.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin } }).then((r) => r.status);
    await expect.poll(() => handshake(silent), { timeout: 3 * HUB_HEARTBEAT_MS }).toBe(200);
    expect(await handshake('http://192.0.2.99:8080')).toBe(403);
    const csp = (await fetch(`${a.url}/`)).headers.get('content-security-policy') ?? '';
    expect(allows(csp, 'connect-src', silent)).toBe(true);

    // The organiser's screens of that page call this hub's API (CORS, the token in the header).
    const preflight = await fetch(`${a.url}/api/admin/devices`, {
      method: 'OPTIONS',
      headers: {
        origin: silent,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(silent);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    const devices = await fetch(`${a.url}/api/admin/devices`, {
      headers: { origin: silent, authorization: `Bearer ${await a.tokenAsync('admin')}` },
    });
    expect(devices.status).toBe(200);
    expect(devices.headers.get('access-control-allow-origin')).toBe(silent);
    const stranger = await fetch(`${a.url}/api/admin/devices`, {
      method: 'OPTIONS',
      headers: { origin: 'http://192.0.2.99:8080', 'access-control-request-method': 'GET' },
    });
    expect(stranger.status).toBe(403);
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('broadcasts reach the other hub in the order they were made, large and small alike', async () => {
    const display = await b.socket('display');
    const seen: string[] = [];
    const states: number[] = [];
    display.on('show:snapshot', (snap) => seen.push(`snapshot ${snap.state.revision}`));
    display.on('show:state', (state) => {
      seen.push(`state ${state.revision}`);
      states.push(state.revision);
    });
    const { scenario, state } = a.app.show.snapshot();
    const sent: string[] = [];
    for (let revision = 100; revision < 110; revision++) {
      // A snapshot goes through the attachments table (two queries), the state is a bare NOTIFY.
      a.app.io.to('role:display').emit('show:snapshot', { scenario, state: { ...state, revision } });
      a.app.io.emit('show:state', { ...state, revision });
      sent.push(`snapshot ${revision}`, `state ${revision}`);
    }
    await arrivals(display, 'show:state', states, 10);
    expect(seen).toEqual(sent);
  });

  it("with PostgreSQL away a hub's own clients still hear it at once, and the hubs join up again after", async () => {
    const here = await a.socket('host');
    const there = await b.socket('host');
    const heardHere: number[] = [];
    const heardThere: number[] = [];
    here.on('show:state', (s) => heardHere.push(s.revision));
    there.on('show:state', (s) => heardThere.push(s.revision));
    const { state } = a.app.show.snapshot();
    await pg.halt('immediate');
    try {
      const sentAt = Date.now();
      a.app.io.emit('show:state', { ...state, revision: 500 });
      await arrivals(here, 'show:state', heardHere, 1);
      // Not held back by the database's connect timeout (5 s).
      expect(Date.now() - sentAt).toBeLessThan(1000);
      expect(heardHere).toEqual([500]);
    } finally {
      await pg.start();
    }
    // The adapter's listener reconnects by itself (1–3 s): a state from A reaches B again.
    const deadline = Date.now() + 15_000;
    for (let revision = 600; !heardThere.some((r) => r >= 600); revision++) {
      if (Date.now() > deadline) throw new Error(`B heard ${JSON.stringify(heardThere)}`);
      a.app.io.emit('show:state', { ...state, revision });
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 30_000);
});
