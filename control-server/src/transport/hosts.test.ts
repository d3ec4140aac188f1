import { describe, expect, it } from 'vitest';
import { OwnHosts } from './hosts.js';

const lan = () => ({
  wlan0: [{ address: '192.168.1.20', family: 'IPv4', internal: false } as never],
});
const peers = () => ['https://192.168.1.21:8443', 'http://192.168.1.21:8080'];

describe('OwnHosts with other hubs: their pages may open our sockets, their names are not ours', () => {
  const own = new OwnHosts('0.0.0.0', [], lan, peers);
  it.each([
    { origin: 'https://192.168.1.20:8443', ok: true }, // our own page
    { origin: 'https://192.168.1.21:8443', ok: true }, // a page the other hub served (the projector moved)
    { origin: 'http://192.168.1.21:8080', ok: true },
    { origin: 'https://192.168.1.21:9999', ok: false }, // the peer's address, another port: not its hub
    { origin: 'https://192.168.1.22:8443', ok: false },
    { origin: 'http://evil.example', ok: false },
  ])('Origin $origin → $ok', ({ origin, ok }) => {
    expect(own.isOwnOrigin(origin)).toBe(ok);
  });

  it('a peer hub in the Host header is still foreign (DNS rebinding)', () => {
    expect(own.isOwnHost('192.168.1.21:8443')).toBe(false);
    expect(own.isOwnHost('192.168.1.20:8443')).toBe(true);
  });
});
