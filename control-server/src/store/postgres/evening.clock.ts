import { estimateClock, type ClockSample } from '@ceremony/shared';
import type pg from 'pg';

/** How often the offset is measured again: laptops drift by milliseconds a day, not by seconds. */
export const CLOCK_MEASURE_MS = 30_000;
const SAMPLES = 5;
const DATABASE_NOW = 'SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS now';

/**
 * The evening's clock when hubs share a PostgreSQL: the database server's. Every instant the show
 * stores (a cue went live, the double-GO guard, an auto-follow, a pairing code's expiry) is written
 * by one hub and read by another, and the screens set their clocks by whichever hub they are on. Two
 * laptops at a venue without internet have no NTP to agree by; with the backup's clock 45 s behind,
 * a GO on it after the main laptop died would be refused as a double tap for 45 s, and its screens'
 * countdowns would jump by as much. So each hub reads the database's clock as a screen reads its
 * hub's (the same NTP-style estimate, shared/src/clock.ts) and counts time by it.
 */
export class EveningClock {
  private offsetMs = 0;

  constructor(private readonly local: () => number = Date.now) {}

  /** The evening's time now, epoch ms. */
  readonly now = (): number => this.local() + this.offsetMs;

  /** Milliseconds to add to this machine's clock (positive: it is behind the database's). */
  offset(): number {
    return this.offsetMs;
  }

  /** Reads the database's clock a few times and keeps the estimate of the quickest round trip. */
  async measure(pool: pg.Pool): Promise<number> {
    const samples: ClockSample[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const sentAt = this.local();
      const { rows } = await pool.query<{ now: number }>(DATABASE_NOW);
      samples.push({ sentAt, serverNow: rows[0]!.now, receivedAt: this.local() });
    }
    const estimate = estimateClock(samples);
    if (estimate) this.offsetMs = estimate.offsetMs;
    return this.offsetMs;
  }
}

/** What the organiser reads at start when this laptop's clock is off by a second or more; null otherwise. */
export function clockNotice(offsetMs: number): string | null {
  if (Math.abs(offsetMs) < 1000) return null;
  const seconds = Math.abs(offsetMs) / 1000;
  // Abbreviated units need no plural forms; minutes once seconds would run to three figures.
  const amount =
    seconds < 120
      ? `${seconds.toLocaleString('ru-RU', { maximumFractionDigits: 1 })} с`
      : `${Math.round(seconds / 60).toLocaleString('ru-RU')} мин`;
  const way = offsetMs > 0 ? 'отстают' : 'спешат';
  return `Часы этого компьютера ${way} на ${amount} относительно PostgreSQL: время вечера хаб берёт у PostgreSQL.`;
}
