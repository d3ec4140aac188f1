import { describe, expect, it } from 'vitest';
import {
  HUB_CONNECT_TIMEOUT_MS,
  HUB_PING_INTERVAL_MS,
  HUB_PING_TIMEOUT_MS,
  hubCandidates,
  hubPath,
  hubUrl,
  hubsInPairingLink,
  mergeHubs,
  nextHubAttempt,
  pairingLink,
  wentSilent,
} from './hubMove.js';

const A = 'https://192.168.1.20:8443';
const B = 'https://192.168.1.21:8443';
const C = 'https://192.168.1.22:8443';
const plainB = 'http://192.168.1.21:8080';
const middle = () => 0.5;

describe('hubCandidates: where a client may go when its hub is gone', () => {
  it.each([
    { name: 'alone: only the hub it has', home: A, hubs: [A], want: [A] },
    { name: 'no list yet', home: A, hubs: [], want: [A] },
    { name: 'the lost hub first, the others in listed order', home: B, hubs: [A, B, C], want: [B, A, C] },
    { name: 'never across schemes', home: A, hubs: [A, plainB, B], want: [A, B] },
    { name: 'each hub once, paths dropped', home: A, hubs: [`${B}/`, B, `${B}/host/`], want: [A, B] },
    { name: 'junk in the list is ignored', home: A, hubs: ['not a url', B], want: [A, B] },
    { name: 'a home that is no URL is kept as it is', home: '', hubs: [A], want: [''] },
  ])('$name', ({ home, hubs, want }) => {
    expect(hubCandidates(home, hubs)).toEqual(want);
  });
});

describe('nextHubAttempt: which hub, after how long', () => {
  it.each([
    { attempt: 0, hubs: [A, B], want: { url: A, delayMs: 250 } },
    { attempt: 1, hubs: [A, B], want: { url: B, delayMs: 500 } },
    { attempt: 2, hubs: [A, B], want: { url: A, delayMs: 1000 } },
    { attempt: 3, hubs: [A, B], want: { url: B, delayMs: 2000 } },
    { attempt: 4, hubs: [A, B], want: { url: A, delayMs: 2000 } },
    { attempt: 2, hubs: [A, B, C], want: { url: C, delayMs: 1000 } },
    { attempt: 60, hubs: [A], want: { url: A, delayMs: 2000 } },
  ])('attempt $attempt over $hubs.length hubs', ({ attempt, hubs, want }) => {
    expect(nextHubAttempt(A, hubs, attempt, middle)).toEqual(want);
  });

  it.each([
    { random: () => 0, delayMs: 200 },
    { random: () => 0.999999, delayMs: 300 },
  ])('jitter stays within ±20 %: $delayMs ms', ({ random, delayMs }) => {
    expect(nextHubAttempt(A, [A, B], 0, random).delayMs).toBe(delayMs);
  });

  it('reaches another hub within 5 s even when the lost one hangs until its connect timeout', () => {
    // The worst case: the first retry back to the dead hub waits out the connect timeout.
    const first = nextHubAttempt(A, [A, B], 0, () => 0.999999);
    const second = nextHubAttempt(A, [A, B], 1, () => 0.999999);
    expect(second.url).toBe(B);
    expect(first.delayMs + HUB_CONNECT_TIMEOUT_MS + second.delayMs).toBeLessThan(5000);
  });

  it('a hub gone silent is noticed and left for another within 5 s', () => {
    // Noticed at the latest a whole ping window after the last ping; then straight to the next hub.
    const moved = nextHubAttempt(A, [A, B], 0, () => 0.999999, true);
    expect(moved.url).toBe(B);
    // What is left of the 5 s is for opening the socket on B and its snapshot (0.3–1 s measured).
    expect(HUB_PING_INTERVAL_MS + HUB_PING_TIMEOUT_MS + moved.delayMs).toBeLessThanOrEqual(4000);
  });

  it.each([
    { attempt: 0, hubs: [A, B], want: B },
    { attempt: 1, hubs: [A, B], want: A },
    { attempt: 0, hubs: [A, B, C], want: B },
    { attempt: 1, hubs: [A, B, C], want: C },
    { attempt: 2, hubs: [A, B, C], want: A },
    { attempt: 0, hubs: [A], want: A },
  ])('silent: attempt $attempt over $hubs.length hubs tries $want', ({ attempt, hubs, want }) => {
    expect(nextHubAttempt(A, hubs, attempt, middle, true).url).toBe(want);
  });
});

describe('wentSilent: the hub fell silent, or closed the link', () => {
  it.each([
    { reason: 'ping timeout', why: 'no ping: a power cut, a cable, a frozen laptop', want: true },
    { reason: 'transport close', why: 'closed: a restart, a kill; the same hub may be back', want: false },
    { reason: 'transport error', why: 'a broken link', want: false },
    { reason: 'parse error', why: 'a garbled message', want: false },
  ])('$reason ($why): $want', ({ reason, want }) => {
    expect(wentSilent(reason)).toBe(want);
  });
});

describe('mergeHubs: the list a client keeps', () => {
  it.each([
    { name: 'nothing known yet: the listed ones', listed: [A, B], known: [], want: [A, B] },
    { name: 'a hub down now stays, after the live ones', listed: [A], known: [A, B], want: [A, B] },
    { name: 'a new hub joins in the listed order', listed: [B, C], known: [A], want: [B, C, A] },
    { name: 'each origin once, paths dropped', listed: [`${A}/`], known: [`${A}/host/`, C], want: [A, C] },
    { name: 'junk is dropped', listed: ['nope'], known: [B, ''], want: [B] },
  ])('$name', ({ listed, known, want }) => {
    expect(mergeHubs(listed, known)).toEqual(want);
  });
});

describe('pairingLink and hubsInPairingLink: the QR carries every hub', () => {
  it.each([
    { name: 'alone: just the code', hubs: [A], want: `${A}/checkin/?pair=K7` },
    {
      name: 'the others, not itself',
      hubs: [A, B, C],
      want: `${A}/checkin/?pair=K7&hubs=${encodeURIComponent(`${B},${C}`)}`,
    },
    {
      name: 'only those a secure page may reach',
      hubs: [plainB, B],
      want: `${A}/checkin/?pair=K7&hubs=${encodeURIComponent(B)}`,
    },
  ])('$name', ({ hubs, want }) => {
    expect(pairingLink(A, '/checkin/?pair=K7', hubs)).toBe(want);
  });

  it.each([
    { search: `?pair=K7&hubs=${encodeURIComponent(`${B},${C}`)}`, want: [B, C] },
    { search: '?pair=K7', want: [] },
    { search: '?hubs=nope,,https%3A%2F%2F192.168.1.21%3A8443%2Fcheckin%2F', want: [B] },
  ])('$search', ({ search, want }) => {
    expect(hubsInPairingLink(search)).toEqual(want);
  });

  it('round-trips: what the QR carries is what the phone reads', () => {
    const link = new URL(pairingLink(A, '/checkin/?pair=K7', [A, B, C]));
    expect(hubsInPairingLink(link.search)).toEqual([B, C]);
  });
});

describe('hubPath: where a page calls its hub', () => {
  it.each([
    { name: 'not connected yet: as it is', hub: null, page: A, want: '/api/admin/devices' },
    { name: 'on the hub that served the page: as it is', hub: A, page: A, want: '/api/admin/devices' },
    { name: 'moved to another hub: there', hub: B, page: A, want: `${B}/api/admin/devices` },
    {
      name: 'a hub given with a path: its origin',
      hub: `${B}/host/`,
      page: A,
      want: `${B}/api/admin/devices`,
    },
    { name: 'junk for a hub: as it is', hub: 'nope', page: A, want: '/api/admin/devices' },
  ])('$name', ({ hub, page, want }) => {
    expect(hubPath('/api/admin/devices', hub, page)).toBe(want);
  });

  it.each([
    { path: 'https://example.org/logo.png', name: 'another site' },
    { path: 'data:image/png;base64,AAAA', name: 'a data: URL' },
    { path: '', name: 'nothing' },
  ])('$name is not the hub’s: as it is, moved or not', ({ path }) => {
    expect(hubPath(path, B, A)).toBe(path);
  });
});

describe('hubUrl: the whole address of a hub page, for people and QR codes', () => {
  it.each([
    { name: 'on its own hub', hub: A, want: `${A}/display/` },
    { name: 'not connected yet', hub: null, want: `${A}/display/` },
    { name: 'moved to B', hub: B, want: `${B}/display/` },
  ])('$name', ({ hub, want }) => {
    expect(hubUrl('/display/', hub, A)).toBe(want);
  });
});
