import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientPayloadSchemas, PROTOCOL_VERSION, type Guest, type ShowState } from '@ceremony/shared';
import { arrivals, ask, connectAs, http, startServer, type TestServer } from './helpers.js';

let s: TestServer;
let guests: Guest[];
/** from..to inclusive. */
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
beforeAll(async () => {
  s = await startServer();
  guests = (await http(`${s.url}/api/guests`, { token: s.token('admin') })).body.guests;
});
afterAll(() => s.stop());

describe('handshake', () => {
  it.each([
    { name: 'no token', auth: {}, want: 'UNAUTHORIZED' },
    { name: 'a made-up token', auth: { token: 'abc' }, want: 'UNAUTHORIZED' },
    { name: 'a token of the wrong type', auth: { token: 12 }, want: 'UNAUTHORIZED' },
  ])('refuses $name', async ({ auth, want }) => {
    await expect(connectAs(s.url, auth)).rejects.toThrow(want);
  });

  it('refuses another protocol version, accepts the current one or none', async () => {
    const token = s.token('display');
    await expect(connectAs(s.url, { token, protocolVersion: PROTOCOL_VERSION + 1 })).rejects.toThrow(
      'PROTOCOL_MISMATCH',
    );
    await expect(s.socket('display', { protocolVersion: PROTOCOL_VERSION })).resolves.toBeTruthy();
  });

  it('sends the whole snapshot on connect', async () => {
    const socket = await s.socket('display');
    const snap = await ask(socket, 'show:resync', {});
    expect(snap.ok).toBe(true);
    expect(snap.scenario.nominations).toHaveLength(7);
    expect(snap.state).toMatchObject({ revision: expect.any(Number), status: expect.any(String) });
  });
});

describe('roles and validation', () => {
  it('refuses show:go from a volunteer and a display', async () => {
    for (const role of ['volunteer', 'display'] as const) {
      const socket = await s.socket(role);
      const answer = await ask(socket, 'show:go', { expectedRevision: 0 });
      expect(answer).toEqual({
        ok: false,
        error: {
          code: 'FORBIDDEN',
          message: expect.any(String),
          reason: 'error.eventForbidden',
          params: expect.objectContaining({ role: expect.any(String) }),
        },
      });
    }
  });

  it('refuses a scan from a host or a display', async () => {
    for (const role of ['host', 'display'] as const) {
      const socket = await s.socket(role);
      const answer = await ask(socket, 'checkin:scan', { code: 'x', scanId: 'scan-0000001' });
      expect(answer.error.code).toBe('FORBIDDEN');
    }
  });

  const malformed: unknown[] = [
    undefined,
    null,
    42,
    'text',
    [],
    { extra: 1 },
    { expectedRevision: -1 },
    { expectedRevision: '1' },
    { code: 5, scanId: 1 },
    { cueId: 'x'.repeat(100) },
    { on: 'yes' },
    { text: 'x'.repeat(600) },
    { action: 'rewind' },
    { a: { b: { c: { d: {} } } } },
  ];
  it.each(
    Object.keys(ClientPayloadSchemas).filter(
      (e) => !['show:resync', 'checkin:stats', 'time:ping'].includes(e),
    ),
  )('answers INVALID_PAYLOAD to malformed %s and stays up', async (event) => {
    const socket = await s.socket('admin');
    const before = s.app.show.current().revision;
    for (const payload of malformed) {
      const answer = await ask(socket, event, payload);
      expect(answer.ok, `${event} ${JSON.stringify(payload)}`).toBe(false);
      expect(answer.error.code).toBe('INVALID_PAYLOAD');
    }
    expect(s.app.show.current().revision).toBe(before);
    expect(socket.connected).toBe(true);
    expect((await ask(socket, 'time:ping', {})).ok).toBe(true);
  });

  it('answers INVALID_PAYLOAD to extra fields on the empty events', async () => {
    const socket = await s.socket('admin');
    for (const event of ['show:resync', 'checkin:stats', 'time:ping']) {
      expect((await ask(socket, event, { x: 1 })).error.code).toBe('INVALID_PAYLOAD');
    }
  });

  it('refuses an unknown event but keeps the connection', async () => {
    const socket = await s.socket('admin');
    expect((await ask(socket, 'show:explode', {})).error.code).toBe('UNKNOWN_EVENT');
    expect(socket.connected).toBe(true);
  });

  it('answers time:ping with the server clock', async () => {
    const socket = await s.socket('display');
    const answer = await ask(socket, 'time:ping', {});
    expect(Math.abs(answer.serverNow - Date.now())).toBeLessThan(5000);
  });
});

describe('check-in', () => {
  it('admits once; a retried scanId is answered the same and counted once', async () => {
    const phone = await s.socket('volunteer');
    const guest = guests[0]!;
    const first = await ask(phone, 'checkin:scan', { code: guest.badgeCode, scanId: 'retry-000001' });
    expect(first.result).toMatchObject({ status: 'admitted', guest: { id: guest.id, name: guest.name } });
    expect(first.result.route).toBeTruthy();
    const retry = await ask(phone, 'checkin:scan', { code: guest.badgeCode, scanId: 'retry-000001' });
    expect(retry).toEqual(first);
    const stats = await ask(phone, 'checkin:stats', {});
    expect(stats.stats.arrived).toBe(1);
    const again = await ask(phone, 'checkin:scan', {
      code: ` ${guest.badgeCode.toLowerCase()} `,
      scanId: 'again-000001',
    });
    expect(again.result).toMatchObject({
      status: 'already-admitted',
      firstCheckedInAt: expect.any(Number),
      guest: { id: guest.id },
    });
    // The amber card names the phone that admitted first, readably: «Волонтёр 3d5b».
    expect(again.result.firstDevice).toMatch(/^Волонтёр [0-9a-f]{4}$/);
    expect((await ask(phone, 'checkin:stats', {})).stats.arrived).toBe(1);
  });

  it('answers unknown-code and revoked', async () => {
    const phone = await s.socket('volunteer');
    const unknown = await ask(phone, 'checkin:scan', {
      code: 'SL-AAAAAAAAAAAAAAAAAAAAAAAAAA',
      scanId: 'unknown-0001',
    });
    expect(unknown.result).toEqual({ status: 'unknown-code' });
    const guest = guests[1]!;
    const r = await http(`${s.url}/api/admin/guests/${guest.id}/reissue-badge`, {
      method: 'POST',
      token: s.token('admin'),
    });
    expect(r.body.badgeCode).toMatch(/^SL-/);
    const old = await ask(phone, 'checkin:scan', { code: guest.badgeCode, scanId: 'revoked-0001' });
    expect(old.result).toEqual({ status: 'revoked' });
    const fresh = await ask(phone, 'checkin:scan', { code: r.body.badgeCode, scanId: 'reissued-001' });
    expect(fresh.result.status).toBe('admitted');
  });

  it('counts a burst of scans exactly, committed in groups', async () => {
    const phones = await Promise.all([1, 2, 3].map(() => s.socket('volunteer')));
    const batch = guests.slice(10, 40);
    const answers = await Promise.all(
      batch.flatMap((g, i) =>
        phones.map((p, j) => ask(p, 'checkin:scan', { code: g.badgeCode, scanId: `burst-${i}-${j}-xx` })),
      ),
    );
    const admitted = answers.filter((a) => a.result.status === 'admitted');
    expect(admitted).toHaveLength(batch.length);
    expect(new Set(admitted.map((a) => a.result.guest.id)).size).toBe(batch.length);
  });

  it('broadcasts arrivals to the host', async () => {
    const host = await s.socket('host');
    const phone = await s.socket('volunteer');
    const seen = new Promise<{ arrived: number }>((resolve) => host.once('checkin:stats', resolve));
    await ask(phone, 'checkin:scan', { code: guests[60]!.badgeCode, scanId: 'live-0000001' });
    expect((await seen).arrived).toBeGreaterThan(0);
  });
});

describe('two operators, one GO', () => {
  it('advances exactly once per round over 100 rounds', async () => {
    const [a, b] = await Promise.all([s.socket('host'), s.socket('host')]);
    const states: ShowState[] = [];
    const display = await s.socket('display');
    display.on('show:state', (st) => states.push(st));
    const first = s.app.show.current().revision;
    const cues = s.app.show.snapshot().scenario.cues.length;
    for (let round = 0; round < 100; round++) {
      s.advance(1000); // past the double-GO guard
      const { cueIndex } = s.app.show.current();
      let { revision } = s.app.show.current();
      if (cueIndex >= cues - 3 || s.app.show.current().status === 'ended') {
        const back = await ask(a, 'show:goto', {
          cueId: s.app.show.snapshot().scenario.cues[0]!.id,
          expectedRevision: revision,
        });
        expect(back.ok).toBe(true);
        s.advance(1000);
        revision = s.app.show.current().revision;
      }
      const answers = await Promise.all([a, b].map((x) => ask(x, 'show:go', { expectedRevision: revision })));
      const oks = answers.filter((x) => x.ok);
      expect(oks, `round ${round}`).toHaveLength(1);
      expect(answers.find((x) => !x.ok).error.code).toBe('STALE_REVISION');
      expect(s.app.show.current().revision).toBe(revision + 1);
    }
    // Every committed change (each GO, each jump back) is one broadcast: wait for exactly that many,
    // so a display that heard nothing cannot pass, then check none came twice or out of order.
    const last = s.app.show.current().revision;
    await arrivals(display, 'show:state', states, last - first);
    expect(states.map((st) => st.revision)).toEqual(range(first + 1, last));
  });
});

describe('guest search', () => {
  it('finds guests by part of a name, «ё» as «е», for host and volunteer, not display', async () => {
    const withYo = guests.find((g) => /ё/i.test(g.name))!;
    const word = withYo.name.split(' ').find((w) => /ё/i.test(w))!;
    const query = word
      .slice(0, Math.max(3, word.toLowerCase().indexOf('ё') + 1))
      .toLowerCase()
      .replace(/ё/g, 'е');
    for (const role of ['host', 'volunteer'] as const) {
      const socket = await s.socket(role);
      const answer = await ask(socket, 'guests:search', { query });
      expect(answer.ok).toBe(true);
      expect(answer.guests.map((g: { id: string }) => g.id)).toContain(withYo.id);
      expect(answer.guests[0]).not.toHaveProperty('badgeCode');
      expect(answer.guests[0]).not.toHaveProperty('phone');
    }
    const display = await s.socket('display');
    expect((await ask(display, 'guests:search', { query })).error.code).toBe('FORBIDDEN');
  });
});
