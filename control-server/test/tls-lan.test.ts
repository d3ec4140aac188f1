import nodeHttp from 'node:http';
import https from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { type Answered, http, PINS, startServer, type TestServer } from './helpers.js';

/**
 * A phone on the Wi-Fi, played on loopback: the server listens on 127.0.0.1 and this client sends
 * from 127.0.0.2, so the connection does not come from the address it was sent to, as a phone's
 * would not. (A request from the server's own address is the computer itself: see plain.ts.)
 */
const PHONE = '127.0.0.2';
const phoneAgent = new nodeHttp.Agent({ localAddress: PHONE });

let s: TestServer | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

function call(
  url: string,
  opts: { method?: string; token?: string; json?: unknown } = {},
): Promise<{ status: number; body: Answered; location?: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const lib = url.startsWith('https:') ? https : nodeHttp;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
      { method: opts.method ?? 'GET', headers, rejectUnauthorized: false, localAddress: PHONE },
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
          resolve({ status: res.statusCode ?? 0, body, location: res.headers.location });
        });
      },
    );
    req.on('error', reject);
    req.end(opts.json === undefined ? undefined : JSON.stringify(opts.json));
  });
}

async function hallServer(plainHttpShow = true) {
  s = await startServer({ config: { httpsPort: 0, plainHttpShow } });
  const port = new URL(s.url).port;
  const securePort = await s.app.listenHttps();
  return { plain: `http://127.0.0.1:${port}`, secure: `https://127.0.0.1:${securePort}`, local: s.url };
}

describe('sign-in and the apps only over HTTPS on the LAN', () => {
  it('redirects pages to HTTPS, refuses the PIN, tokens and sockets over plain HTTP, and keeps localhost plain', async () => {
    const { plain, secure, local } = await hallServer();
    const page = await call(`${plain}/host/?x=1`);
    expect(page.status).toBe(308);
    expect(page.location).toBe(`${secure}/host/?x=1`);
    const pin = await call(`${plain}/api/session`, { method: 'POST', json: { pin: PINS.admin } });
    expect(pin.status).toBe(403);
    expect(pin.body.error.code).toBe('FORBIDDEN');
    expect(pin.body.error.message).toContain(secure);
    const guests = await call(`${plain}/api/guests`, { token: s!.token('admin') });
    expect(guests.status).toBe(403);
    const socket = io(plain, {
      auth: { token: s!.token('volunteer') },
      transports: ['polling'],
      reconnection: false,
      agent: phoneAgent as unknown as string,
    });
    const outcome = await new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (e) => resolve(e.message));
    });
    socket.close();
    expect(outcome).not.toBe('connected');

    // Over HTTPS from the LAN, and over plain HTTP from this computer, all works.
    expect((await call(`${secure}/api/session`, { method: 'POST', json: { pin: PINS.admin } })).status).toBe(
      200,
    );
    expect((await call(`${secure}/host/`)).status).toBe(200);
    expect((await http(`${local}/api/session`, { method: 'POST', json: { pin: PINS.admin } })).status).toBe(
      200,
    );
    // The guests' public feedback page stays reachable from a phone by the projector's QR code.
    expect((await call(`${plain}/checkin/feedback`)).status).toBe(200);
    expect((await call(`${plain}/api/feedback`)).status).toBe(200);
  });

  it('keeps the hardware GO over plain HTTP unless the admin turns it off', async () => {
    const on = await hallServer(true);
    const go = await call(`${on.plain}/api/show/go`, { method: 'POST', token: s!.token('host'), json: {} });
    expect(go.status).toBe(200);
    // The Stream Deck's state read-back is a button's too (docs/INTEGRATIONS.md).
    const state = await call(`${on.plain}/api/show/state`, { token: s!.token('host') });
    expect(state.status).toBe(200);
    await s!.stop();
    s = undefined;
    const off = await hallServer(false);
    const refused = await call(`${off.plain}/api/show/go`, {
      method: 'POST',
      token: s!.token('host'),
      json: {},
    });
    expect(refused.status).toBe(403);
    expect(s!.app.show.snapshot().state.revision).toBe(0);
  });
});
