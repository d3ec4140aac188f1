import type pg from 'pg';
import { ADMISSIONS_LOCK } from './checkins.store.js';
import type { EveningPart } from './mirror.js';
import { committedOrWhy } from './not-committed.js';
import type { Writes } from '../writes.js';
import type { WriteStage } from '../write-stage.js';
import { inTransaction } from './pool.js';
import { runStatements, type Statement } from './rows.js';
import type { SharedStore } from './shared.store.js';

/** What a decision over a part's copy answers, and the statements that make it true in PostgreSQL. */
export interface PartDecision<T> {
  answer: T;
  writes: Statement[];
}

/** Any fixed numbers, one per part: the hubs' writers of one part take turns. */
const PART_LOCKS: Record<EveningPart, number> = {
  access: 13_0101,
  scenario: 13_0102,
  guests: 13_0103,
  checkins: 13_0104,
  stations: 13_0105,
  feedback: 13_0106,
};

/**
 * Takes the locks of the parts a write empties wholesale (a new ceremony, a package, a rehearsal's
 * end), in one fixed order so two such writes cannot wait on each other; the check-ins also under the
 * admissions' own lock, which every batch of scans takes.
 */
export async function lockParts(client: pg.ClientBase, parts: Iterable<EveningPart>): Promise<void> {
  const wanted = new Set(parts);
  if (wanted.has('checkins')) await client.query('SELECT pg_advisory_xact_lock($1)', [ADMISSIONS_LOCK]);
  for (const part of Object.keys(PART_LOCKS) as EveningPart[]) {
    if (wanted.has(part)) await client.query('SELECT pg_advisory_xact_lock($1)', [PART_LOCKS[part]]);
  }
}

/**
 * A write to one part of the evening, PostgreSQL first. Inside one transaction, under the part's
 * lock (the hubs' writers of that part take turns), the hub's copy of the part is brought up to what
 * PostgreSQL holds, so `decide` sees every hub's last word when it reads the copy synchronously; the
 * statements it returns are committed with the NOTIFY that makes the other hubs copy the part; then
 * this hub copies it too and only then answers. Anything PostgreSQL refuses becomes
 * StoreUnavailableError; an error `decide` throws goes through as it is.
 */
export function writePart<T>(
  shared: SharedStore,
  part: EveningPart,
  decide: () => PartDecision<T>,
  /** Other parts `decide` reads: locked too (lockParts' order) and copied before it runs. */
  reading: readonly EveningPart[] = [],
): Promise<T> {
  // One write per part at a time on this hub: its waiters then hold no pooled connections while the
  // writer that has the lock needs one more for the copy.
  let turns = inTurn.get(shared);
  if (!turns) inTurn.set(shared, (turns = new Map()));
  const queue = turns;
  // True while `decide` runs: an error it throws is the write's own answer, not the store's.
  const deciding = { now: false };
  const write = (stage: WriteStage) => {
    const before = queue.get(part);
    // Whether this one lands with `solo` depends on the one ahead (willLand), until that one settles.
    stage.ahead = before?.stage;
    const inTurn = (before?.done ?? Promise.resolve()).then(() => {
      stage.ahead = undefined;
      return writeNow(shared, part, decide, reading, deciding, stage);
    });
    queue.set(part, { done: inTurn.catch(() => undefined), stage });
    return inTurn;
  };
  // The backup laptop off: the organiser hears why after 2.5 s, not a query timeout's «unreachable»
  // after 10; the write stays queued and lands with `standby.sh solo`, so this hub copies it in then.
  return committedOrWhy(
    write,
    part,
    { why: (failure) => shared.whyNotCommitted(failure), gaveUp: () => shared.gaveUpOn(part) },
    () => deciding.now,
  );
}

/** A part's last write on this hub: the next one waits for it to settle. */
interface Turn {
  done: Promise<unknown>;
  stage: WriteStage;
}

const inTurn = new WeakMap<SharedStore, Map<EveningPart, Turn>>();

async function writeNow<T>(
  shared: SharedStore,
  part: EveningPart,
  decide: () => PartDecision<T>,
  reading: readonly EveningPart[],
  deciding: { now: boolean },
  stage: WriteStage,
): Promise<T> {
  const answer = await inTransaction(
    shared.pool,
    async (client) => {
      if (reading.length === 0) await client.query('SELECT pg_advisory_xact_lock($1)', [PART_LOCKS[part]]);
      else await lockParts(client, [part, ...reading]);
      // Through the hub's one queue of copies (a copy of the part running meanwhile finishes first).
      for (const p of [part, ...reading]) await shared.pull(p);
      deciding.now = true;
      const { answer, writes } = decide();
      deciding.now = false;
      await runStatements(client, writes);
      if (writes.length > 0) await shared.changed(client, part);
      return answer;
    },
    stage,
  );
  await shared.pull(part);
  return answer;
}

/** A part's writes with other hubs: PostgreSQL first (writePart), each change as its statements. */
export function sharedWrites<C>(
  shared: SharedStore,
  part: EveningPart,
  toSql: (change: C) => Statement[],
): Writes<C> {
  return {
    change: (decide, reading) =>
      writePart(
        shared,
        part,
        () => {
          const { answer, changes } = decide();
          return { answer, writes: changes.flatMap(toSql) };
        },
        reading,
      ),
  };
}
