import type { DirectoryGuest, ScanResult } from '@ceremony/shared';
import { describe, expect, it } from 'vitest';
import {
  decideLocally,
  indexDirectory,
  replayAgainSoon,
  serverCouldNotSave,
  replayQueue,
  summariseOutcomes,
  type QueuedScan,
  type ScanSender,
} from './queue.js';

const CODE_A = 'SL-AAAAAAAAAAAAAAAAAAAAAAAAAA';
const CODE_B = 'SL-BBBBBBBBBBBBBBBBBBBBBBBBBB';
const directory: DirectoryGuest[] = [
  { id: 'g-a', name: 'Анна Ёлкина', category: 'guest', badgeCode: CODE_A, arrivedAt: null },
  {
    id: 'g-b',
    name: 'Борис Семёнов',
    category: 'nominee',
    seat: 'Ряд 1, место 2',
    badgeCode: CODE_B,
    arrivedAt: 1000,
  },
];
const index = indexDirectory(directory);
const route = (g: DirectoryGuest) => (g.seat ? { seat: g.seat } : { zone: 'Партер' });

describe('decideLocally', () => {
  it.each([
    { name: 'a known badge not yet in the hall is admitted', code: CODE_A, status: 'admitted', admit: 'g-a' },
    {
      name: 'a link with the code in lower case',
      code: `https://x/b/${CODE_A.toLowerCase()}`,
      status: 'admitted',
      admit: 'g-a',
    },
    { name: 'a guest already in the hall is amber', code: CODE_B, status: 'already-admitted', admit: null },
    {
      name: 'an unknown code is red',
      code: 'SL-ZZZZZZZZZZZZZZZZZZZZZZZZZZ',
      status: 'unknown-code',
      admit: null,
    },
    { name: 'random text is red', code: 'hello', status: 'unknown-code', admit: null },
  ])('$name', ({ code, status, admit }) => {
    const d = decideLocally(index, code, route);
    expect(d.result.status).toBe(status);
    expect(d.admit?.id ?? null).toBe(admit);
  });

  it('says when the guest came, and routes them', () => {
    expect(decideLocally(index, CODE_B, route).result).toEqual({
      status: 'already-admitted',
      guest: { id: 'g-b', name: 'Борис Семёнов', category: 'nominee', seat: 'Ряд 1, место 2' },
      firstCheckedInAt: 1000,
      route: { seat: 'Ряд 1, место 2' },
    });
  });
});

const item = (n: number, at = n): QueuedScan => ({
  scanId: `scan-${n}-xxxxxxxx`,
  code: `CODE-${n}`,
  guestId: `g-${n}`,
  name: `Гость ${n}`,
  scannedAt: at,
});
const admitted = (n: number): ScanResult => ({
  status: 'admitted',
  guest: { id: `g-${n}`, name: `Гость ${n}`, category: 'guest' },
});

describe('replayQueue', () => {
  it('sends every scan once, oldest first, with its own scanId and time', async () => {
    const sent: unknown[] = [];
    const done: string[] = [];
    const send: ScanSender = async (p) => {
      sent.push(p);
      return { ok: true, result: admitted(Number(p.code.slice(5))) };
    };
    const r = await replayQueue(
      [item(2, 20), item(1, 10), item(3, 30)],
      send,
      (i) => void done.push(i.scanId),
    );
    expect(sent).toEqual([
      { code: 'CODE-1', scanId: 'scan-1-xxxxxxxx', scannedAt: 10 },
      { code: 'CODE-2', scanId: 'scan-2-xxxxxxxx', scannedAt: 20 },
      { code: 'CODE-3', scanId: 'scan-3-xxxxxxxx', scannedAt: 30 },
    ]);
    expect(done).toEqual(['scan-1-xxxxxxxx', 'scan-2-xxxxxxxx', 'scan-3-xxxxxxxx']);
    expect(r.remaining).toEqual([]);
    expect(summariseOutcomes(r.outcomes)).toEqual({ admitted: 3, already: 0, refused: 0 });
  });

  it.each(['TIMEOUT', 'RATE_LIMITED'] as const)(
    'stops at %s and keeps the rest for the next try',
    async (code) => {
      let calls = 0;
      const send: ScanSender = async () =>
        ++calls === 2
          ? { ok: false, error: { code, message: 'Нет связи' } }
          : { ok: true, result: admitted(calls) };
      const r = await replayQueue([item(1), item(2), item(3)], send, () => {});
      expect(r.outcomes.map((o) => o.scanId)).toEqual(['scan-1-xxxxxxxx']);
      expect(r.remaining.map((o) => o.scanId)).toEqual(['scan-2-xxxxxxxx', 'scan-3-xxxxxxxx']);
    },
  );

  it('reports a guest another phone admitted first, and an unknown badge, as definite answers', async () => {
    const send: ScanSender = async (p) =>
      p.code === 'CODE-1'
        ? { ok: true, result: { ...admitted(1), status: 'already-admitted', firstDevice: 'volunteer-1a2b' } }
        : { ok: true, result: { status: 'unknown-code' } };
    const done: string[] = [];
    const r = await replayQueue([item(1), item(2)], send, (i) => void done.push(i.scanId));
    expect(r.remaining).toEqual([]);
    expect(done).toEqual(['scan-1-xxxxxxxx', 'scan-2-xxxxxxxx']);
    expect(r.outcomes[0]!.result.firstDevice).toBe('volunteer-1a2b');
    expect(summariseOutcomes(r.outcomes)).toEqual({ admitted: 0, already: 1, refused: 1 });
  });

  // Every failure that is not an answer about the guest: the admission must stay on the phone.
  it.each([
    'INTERNAL',
    'RATE_LIMITED',
    'UNAUTHORIZED',
    'FORBIDDEN',
    'PROTOCOL_MISMATCH',
    'CONFLICT',
  ] as const)('keeps the scan and the rest of the queue when the server answers %s', async (code) => {
    let calls = 0;
    const send: ScanSender = async () =>
      ++calls === 2 ? { ok: false, error: { code, message: 'нет' } } : { ok: true, result: admitted(calls) };
    const done: string[] = [];
    const r = await replayQueue([item(1), item(2), item(3)], send, (i) => void done.push(i.scanId));
    expect(done).toEqual(['scan-1-xxxxxxxx']);
    expect(r.remaining.map((o) => o.scanId)).toEqual(['scan-2-xxxxxxxx', 'scan-3-xxxxxxxx']);
    expect(r.failure).toBe(code);
  });

  it('keeps a scan the server cannot read but replays the ones after it', async () => {
    const send: ScanSender = async (p) =>
      p.code === 'CODE-1'
        ? { ok: false, error: { code: 'INVALID_PAYLOAD', message: 'плохо' } }
        : { ok: true, result: admitted(2) };
    const done: string[] = [];
    const r = await replayQueue([item(1), item(2)], send, (i) => void done.push(i.scanId));
    expect(done).toEqual(['scan-2-xxxxxxxx']);
    expect(r.remaining.map((o) => o.scanId)).toEqual(['scan-1-xxxxxxxx']);
  });

  it('tries again soon after a server failure, not after a timeout or an unreadable scan', () => {
    expect([null, 'TIMEOUT', 'INVALID_PAYLOAD', 'INTERNAL', 'RATE_LIMITED'].map(replayAgainSoon)).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
  });

  it.each([
    { code: 'INTERNAL', local: true }, // the database away, the backup laptop off, a failed disk
    { code: 'TIMEOUT', local: false }, // no answer: the link, handled apart
    { code: 'INVALID_PAYLOAD', local: false },
    { code: 'RATE_LIMITED', local: false },
    { code: 'FORBIDDEN', local: false },
  ])('decides on the phone when the server answers $code: $local', ({ code, local }) => {
    expect(serverCouldNotSave(code)).toBe(local);
  });
});
