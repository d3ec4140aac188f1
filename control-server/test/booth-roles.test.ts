import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@ceremony/shared';
import { http, startServer, type TestServer } from './helpers.js';

/** The booth's endpoints: who may, and a bad body changes nothing. */
describe('booth endpoints: roles and malformed bodies', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer();
  });
  afterAll(() => s.stop());

  const qlab = { id: 'qlab', name: 'QLab', protocol: 'osc', host: '127.0.0.1', port: 53000, cueFeed: true };
  const action = { kind: 'osc', when: 'start', targetId: 'qlab', address: '/go' };
  const endpoints: { method: string; path: string; json?: unknown; roles: Role[] }[] = [
    // The read-back: a Stream Deck signs in as the host; display and volunteer have no business with it.
    { method: 'GET', path: '/api/show/state', roles: ['admin', 'host'] },
    { method: 'GET', path: '/api/admin/booth', roles: ['admin'] },
    { method: 'PUT', path: '/api/admin/booth/targets', json: { targets: [] }, roles: ['admin'] },
    { method: 'POST', path: '/api/admin/booth/try', json: { action }, roles: ['admin'] },
  ];
  const everyone: Role[] = ['admin', 'host', 'volunteer', 'display'];
  const targets = () => JSON.stringify(s.app.booth.service.targets());

  it.each(endpoints)('$method $path: 401 without a token, 403 for a role not listed', async (e) => {
    const before = targets();
    const none = await http(`${s.url}${e.path}`, { method: e.method, json: e.json });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('UNAUTHORIZED');
    for (const role of everyone.filter((r) => !e.roles.includes(r))) {
      const res = await http(`${s.url}${e.path}`, { method: e.method, json: e.json, token: s.token(role) });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect(targets()).toBe(before);
  });

  it('the live feed takes the same roles, and the token only in the header', async () => {
    const url = `${s.url}/api/show/state/stream`;
    expect((await http(url)).status).toBe(401);
    expect((await http(`${url}?token=${s.token('host')}`)).status).toBe(401);
    for (const role of ['volunteer', 'display'] as Role[])
      expect((await http(url, { token: s.token(role) })).status).toBe(403);
    const controller = new AbortController();
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${s.token('host')}` },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    controller.abort();
  });

  it.each([
    { what: 'two targets with one id', body: { targets: [qlab, qlab] } },
    { what: 'port 0', body: { targets: [{ ...qlab, port: 0 }] } },
    { what: 'an unknown protocol', body: { targets: [{ ...qlab, protocol: 'ftp' }] } },
    { what: 'an id with spaces', body: { targets: [{ ...qlab, id: 'q lab' }] } },
    { what: 'no list', body: {} },
    { what: 'an array', body: [] },
  ])('PUT targets refuses $what with 400 and keeps the list', async ({ body }) => {
    const before = targets();
    const res = await http(`${s.url}/api/admin/booth/targets`, {
      method: 'PUT',
      token: s.token('admin'),
      json: body,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_PAYLOAD');
    expect(targets()).toBe(before);
  });

  it.each([
    { what: 'an address without a slash', body: { action: { ...action, address: 'go' } } },
    { what: 'an OSC pattern', body: { action: { ...action, address: '/cue/*/start' } } },
    { what: 'an unknown kind', body: { action: { ...action, kind: 'midi' } } },
    {
      what: 'an HTTP path without a slash',
      body: { action: { kind: 'http', when: 'start', targetId: 'qlab', method: 'GET', path: 'x' } },
    },
  ])('try refuses $what with 400', async ({ body }) => {
    const res = await http(`${s.url}/api/admin/booth/try`, {
      method: 'POST',
      token: s.token('admin'),
      json: body,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_PAYLOAD');
  });

  it('the admin saves targets and reads them back with the OSC settings', async () => {
    const put = await http(`${s.url}/api/admin/booth/targets`, {
      method: 'PUT',
      token: s.token('admin'),
      json: { targets: [qlab] },
    });
    expect(put.status).toBe(200);
    const got = await http(`${s.url}/api/admin/booth`, { token: s.token('admin') });
    expect(got.body).toMatchObject({ ok: true, targets: [qlab], osc: { inPort: null, counters: null } });
    expect(got.body.status).toEqual([{ id: 'qlab', name: 'QLab', ok: true }]);
  });

  it('booth:status goes to host and admin only; a display and a phone never hear of the booth', async () => {
    const host = await s.socket('host');
    const heard: Record<string, string[]> = { display: [], volunteer: [] };
    const quiet = await Promise.all(
      (['display', 'volunteer'] as const).map(async (role) => {
        const socket = await s.socket(role);
        socket.onAny((event: string) => heard[role]!.push(event));
        return socket;
      }),
    );
    const status = new Promise<{ targets: { id: string }[] }>((resolve) =>
      host.once('booth:status', resolve),
    );
    await http(`${s.url}/api/admin/booth/targets`, {
      method: 'PUT',
      token: s.token('admin'),
      json: { targets: [{ ...qlab, id: 'desk' }] },
    });
    expect((await status).targets.map((t) => t.id)).toEqual(['desk']);
    // A GO after it reaches every socket; each socket hears in order, so by then any status would be in.
    const states = quiet.map((q) => new Promise((resolve) => q.once('show:state', resolve)));
    s.advance(1000);
    await http(`${s.url}/api/show/go`, { method: 'POST', token: s.token('host'), json: {} });
    await Promise.all(states);
    expect(heard.display).not.toContain('booth:status');
    expect(heard.volunteer).not.toContain('booth:status');
    expect(heard.display).toContain('show:state');
  });
});
