import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guest } from '@ceremony/shared';
import { replayQueue, type QueuedScan, type ScanSender } from '../../../check-in/src/offline/queue.js';
import { ask, connectAs, http, startServer, type TestServer, type TestSocket } from '../helpers.js';

/**
 * The phone's own replay code against the real server, whose SQLite refuses every write (the same
 * `attempt to write a readonly database` a read-only or failing disk gives). The admissions made at
 * the door while the Wi-Fi was down must survive the server's INTERNAL answers.
 */
describe('an offline queue replayed to a server that cannot write', () => {
  let s: TestServer;
  let volunteer: TestSocket;
  let guests: Guest[];
  beforeAll(async () => {
    s = await startServer();
    volunteer = await s.socket('volunteer');
    guests = (await http(`${s.url}/api/guests`, { token: s.token('admin') })).body.guests;
  });
  const phones: TestSocket[] = [];
  afterAll(async () => {
    for (const p of phones) p.close();
    await s?.stop();
  });

  const send: ScanSender = (p) => ask(volunteer, 'checkin:scan', p);

  it('keeps every admission while the write fails, and delivers them all once it works again', async () => {
    const now = Date.now();
    const queue: QueuedScan[] = guests.slice(0, 3).map((g, i) => ({
      scanId: `write-fails-${i}-xxxxxxxx`,
      code: g.badgeCode,
      guestId: g.id,
      name: g.name,
      scannedAt: now - (3 - i) * 60_000,
    }));
    const removed: string[] = [];
    const onDone = (item: QueuedScan) => void removed.push(item.scanId);

    s.app.db.pragma('query_only = ON');
    const failed = await replayQueue(queue, send, onDone);
    expect(removed).toEqual([]);
    expect(failed.failure).toBe('INTERNAL');
    expect(failed.remaining.map((q) => q.scanId)).toEqual(queue.map((q) => q.scanId));

    s.app.db.pragma('query_only = OFF');
    const delivered = await replayQueue(failed.remaining, send, onDone);
    expect(delivered.remaining).toEqual([]);
    expect(removed).toEqual(queue.map((q) => q.scanId));
    expect(delivered.outcomes.map((o) => o.result.status)).toEqual(['admitted', 'admitted', 'admitted']);
    const stats = await ask(volunteer, 'checkin:stats', {});
    expect(stats.stats.arrived).toBe(3);
  });

  it('a phone that connects while the disk refuses writes is let in: its "last seen" is best effort', async () => {
    const token = s.token('volunteer'); // signed in while the disk still took writes
    s.app.db.pragma('query_only = ON');
    try {
      // The connection writes the device's last-seen time; before, that throw ended the process.
      const phone = await connectAs(s.url, { token });
      phones.push(phone);
      const stats = await ask(phone, 'checkin:stats', {});
      expect(stats.ok).toBe(true);
    } finally {
      s.app.db.pragma('query_only = OFF');
    }
  });
});
