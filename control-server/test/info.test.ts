import type os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lanUrls } from '../src/transport/info.router.js';
import { http, startServer, type TestServer } from './helpers.js';

const nic = (address: string, family: 'IPv4' | 'IPv6', internal: boolean) =>
  ({ address, family, internal, netmask: '', mac: '', cidr: null }) as os.NetworkInterfaceInfo;
const machine = {
  lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
  wlan0: [
    nic('fe80::1', 'IPv6', false),
    nic('2001:db8::5', 'IPv6', false),
    nic('192.168.1.20', 'IPv4', false),
  ],
};

describe('lanUrls: where phones can reach the server', () => {
  it.each([
    {
      host: '0.0.0.0',
      want: [
        'http://192.168.1.20:8080',
        'http://[2001:db8::5]:8080',
        'http://127.0.0.1:8080',
        'http://[::1]:8080',
      ],
    },
    { host: '192.168.1.20', want: ['http://192.168.1.20:8080'] },
    { host: '127.0.0.1', want: ['http://127.0.0.1:8080'] },
  ])('bound to $host', ({ host, want }) => {
    expect(lanUrls(host, 8080, machine)).toEqual(want);
  });

  it('on a machine with only loopback still answers something', () => {
    expect(lanUrls('0.0.0.0', 9000, { lo: machine.lo })).toEqual([
      'http://127.0.0.1:9000',
      'http://[::1]:9000',
    ]);
  });
});

describe('GET /api/info', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer();
  });
  afterAll(() => s.stop());

  it('needs no token and names the listening address and port', async () => {
    const res = await http(`${s.url}/api/info`);
    expect(res.status).toBe(200);
    // No HTTPS listener in this in-process server; test/https.test.ts covers httpsUrls.
    // … and so no hall root for the admin's certificate QR code to point at.
    // Alone on SQLite, the only hub a client can move to is this one.
    expect(res.body).toEqual({ ok: true, lanUrls: [s.url], httpsUrls: [], hallRoot: false, hubs: [s.url] });
  });
});
