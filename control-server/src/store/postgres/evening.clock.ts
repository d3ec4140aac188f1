import {
  estimateClock,
  eveningCorrection,
  type ClockSample,
  type EveningClockBefore,
} from '@ceremony/shared';
import type pg from 'pg';
import { SERVER_TIMELINE } from './primary.js';

/** How often the offset is measured again: laptops drift by milliseconds a day, not by seconds. */
export const CLOCK_MEASURE_MS = 30_000;
const SAMPLES = 5;
const DATABASE_NOW = 'SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS now';
/** The server's timeline (a promoted standby starts a new one) and its correction, in one round trip. */
const TIMELINE = `SELECT t.timeline, c.correction_ms
  FROM (SELECT ${SERVER_TIMELINE} AS timeline) t LEFT JOIN evening_clock c USING (timeline)`;

/**
 * The evening's clock when hubs share a PostgreSQL: the database server's. Every instant the show
 * stores (a cue went live, the double-GO guard, an auto-follow, a pairing code's expiry) is written
 * by one hub and read by another, and the screens set their clocks by whichever hub they are on. Two
 * laptops at a venue without internet have no NTP to agree by; with the backup's clock 45 s behind,
 * a GO on it after the main laptop died would be refused as a double tap for 45 s, and its screens'
 * countdowns would jump by as much. So each hub reads the database's clock as a screen reads its
 * hub's (the same NTP-style estimate, shared/src/clock.ts) and counts time by it. After a standby's
 * promotion the database's clock is another laptop's: the evening keeps its time by a correction
 * (shared/src/eveningClock.ts) the hubs that lived through it store for the new timeline.
 */
export class EveningClock {
  private offsetMs = 0;
  private before: EveningClockBefore | null = null;
  private measuring: Promise<number> | null = null;

  constructor(
    private readonly hub: string,
    private readonly local: () => number = Date.now,
  ) {}

  /** The evening's time now, epoch ms. */
  readonly now = (): number => this.local() + this.offsetMs;

  /** Milliseconds to add to this machine's clock (positive: it is behind the database's). */
  offset(): number {
    return this.offsetMs;
  }

  /**
   * Reads the database's clock a few times and keeps the estimate of the quickest round trip, plus
   * the evening's correction for the server's timeline. One measurement at a time: the timer's and
   * the one after a reconnection share it.
   */
  measure(pool: pg.Pool): Promise<number> {
    this.measuring ??= this.read(pool).finally(() => (this.measuring = null));
    return this.measuring;
  }

  private async read(pool: pg.Pool): Promise<number> {
    // The samples and the timeline must come from one server: a promotion between them would store
    // the old server's offset as the new one's correction. Read the timeline on both sides.
    const opening = await this.timeline(pool);
    const samples: ClockSample[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const sentAt = this.local();
      const { rows } = await pool.query<{ now: number }>(DATABASE_NOW);
      samples.push({ sentAt, serverNow: rows[0]!.now, receivedAt: this.local() });
    }
    const estimate = estimateClock(samples);
    if (!estimate) return this.offsetMs;
    const { timeline, stored } = await this.timeline(pool);
    if (timeline !== opening.timeline) return this.offsetMs;
    const reading = { timeline, databaseOffsetMs: estimate.offsetMs, storedCorrectionMs: stored };
    const found = eveningCorrection(this.before, reading);
    const correctionMs =
      found.propose && timeline !== null
        ? await this.propose(pool, timeline, found.correctionMs)
        : found.correctionMs;
    this.offsetMs = estimate.offsetMs + correctionMs;
    this.before = timeline === null ? null : { timeline, eveningOffsetMs: this.offsetMs };
    return this.offsetMs;
  }

  /**
   * The timeline and its stored correction. A server that will not say at start counts by its own
   * clock; once the hub counts by a timeline, a failed read keeps the last offset (thrown to the caller).
   */
  private async timeline(pool: pg.Pool): Promise<{ timeline: number | null; stored: number | null }> {
    try {
      const { rows } = await pool.query<{ timeline: number; correction_ms: number | null }>(TIMELINE);
      return { timeline: rows[0]!.timeline, stored: rows[0]!.correction_ms };
    } catch (err) {
      if (this.before) throw err;
      return { timeline: null, stored: null };
    }
  }

  /** Offers this hub's correction for the timeline; whichever hub's was stored first is the one kept. */
  private async propose(pool: pg.Pool, timeline: number, correctionMs: number): Promise<number> {
    await pool.query(
      `INSERT INTO evening_clock (timeline, correction_ms, hub, at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (timeline) DO NOTHING`,
      [timeline, correctionMs, this.hub, Math.round(this.local() + this.offsetMs)],
    );
    const { rows } = await pool.query<{ correction_ms: number }>(
      'SELECT correction_ms FROM evening_clock WHERE timeline = $1',
      [timeline],
    );
    return rows[0]!.correction_ms;
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
