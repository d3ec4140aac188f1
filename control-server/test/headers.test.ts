import net from 'node:net';
import nodeHttp from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { type Answered, http, startServer, type TestServer } from './helpers.js';

let s: TestServer | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

/** A request with the Host and Origin a browser would send (fetch may not forge Host). */
function raw(
  url: string,
  opts: { method?: string; host?: string; origin?: string; token?: string; body?: string } = {},
): Promise<{ status: number; body: Answered; headers: nodeHttp.IncomingHttpHeaders }> {
  const u = new URL(url);
  const headers: Record<string, string> = {};
  if (opts.host) headers.host = opts.host;
  if (opts.origin) headers.origin = opts.origin;
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = nodeHttp.request(
      { host: u.hostname, port: u.port, path: u.pathname, method: opts.method ?? 'GET', headers },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          let body: Answered = text;
          try {
            body = JSON.parse(text);
          } catch {
            /* a page */
          }
          resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
        });
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('headers and origins', () => {
  it('sends CSP, nosniff and no-referrer with the apps and the API', async () => {
    s = await startServer();
    for (const path of ['/host/', '/checkin/', '/display/', '/api/health']) {
      const res = await raw(`${s.url}${path}`);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
      expect(res.headers['referrer-policy'], path).toBe('no-referrer');
    }
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin, in the error shape, changing nothing', async () => {
    s = await startServer({ access: { allowedHosts: ['ceremony.example'] } });
    const before = s.app.show.snapshot().state.revision;
    const host = s.token('host');
    const port = new URL(s.url).port;
    const rebound = await raw(`${s.url}/api/show/go`, {
      method: 'POST',
      host: `evil.example:${port}`,
      token: host,
      body: '{}',
    });
    expect(rebound.status).toBe(403);
    expect(rebound.body.error.code).toBe('FORBIDDEN');
    const page = await raw(`${s.url}/host/`, { host: `evil.example:${port}` });
    expect(page.status).toBe(403);
    const foreignPage = await raw(`${s.url}/api/show/go`, {
      method: 'POST',
      origin: 'http://evil.example',
      token: host,
      body: '{}',
    });
    expect(foreignPage.status).toBe(403);
    expect(s.app.show.snapshot().state.revision).toBe(before);

    // Our own names, ALLOWED_HOSTS, and a hardware button (no Origin) still get through.
    expect((await raw(`${s.url}/api/health`, { host: `localhost:${port}` })).status).toBe(200);
    expect((await raw(`${s.url}/api/health`, { host: `ceremony.example:${port}` })).status).toBe(200);
    expect((await raw(`${s.url}/api/health`, { origin: `https://127.0.0.1:8443` })).status).toBe(200);
    const go = await http(`${s.url}/api/show/go`, { method: 'POST', token: host, json: {} });
    expect(go.status).toBe(200);

    // A socket opened from a foreign page is refused at the handshake.
    const socket = io(s.url, {
      auth: { token: s.token('volunteer') },
      transports: ['polling'],
      extraHeaders: { origin: 'http://evil.example' },
      reconnection: false,
    });
    const refused = await new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (e) => resolve(e.message));
    });
    socket.close();
    expect(refused).not.toBe('connected');
  });

  it('closes a connection that never finishes its headers', async () => {
    s = await startServer({ access: { headersTimeoutMs: 1000 } });
    const port = Number(new URL(s.url).port);
    const slow = net.connect(port, '127.0.0.1');
    slow.on('error', () => {}); // a reset is as good as a close here
    await new Promise((resolve) => slow.once('connect', resolve));
    slow.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    // Waits for the server to close it; without a headers deadline Node waits 60 s and the test times out.
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      slow.on('data', (c: Buffer) => (text += c.toString()));
      slow.once('close', () => resolve(text));
    });
    expect(answer).not.toContain('200 OK');
  }, 20_000);

  it('holds at most MAX_CONNECTIONS_PER_ADDRESS open connections from one address', async () => {
    s = await startServer({ access: { maxConnectionsPerAddress: 5 } });
    const port = Number(new URL(s.url).port);
    const open = async () => {
      const c = net.connect(port, '127.0.0.1');
      await new Promise((resolve) => c.once('connect', resolve));
      return c;
    };
    const held = await Promise.all([1, 2, 3, 4, 5].map(open));
    const extra = await open();
    extra.on('error', () => {}); // the refusal may arrive as a reset: that is the outcome checked
    const outcome = await new Promise<string>((resolve) => {
      extra.once('data', () => resolve('answered'));
      extra.once('close', () => resolve('closed'));
      extra.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    });
    expect(outcome).toBe('closed');
    // The five held ones still work, and a slot freed is a slot for the next.
    const first = held[0]!;
    const reply = await new Promise<string>((resolve) => {
      first.once('data', (c: Buffer) => resolve(c.toString()));
      first.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    });
    expect(reply).toContain('200 OK');
    for (const c of held) c.destroy();
    await expect.poll(async () => (await http(`${s!.url}/api/health`)).status).toBe(200);
  });
});
