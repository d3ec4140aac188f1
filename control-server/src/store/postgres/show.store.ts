import { ShowStateSchema, type ShowState } from '@ceremony/shared';
import type pg from 'pg';
import type { ShowDecision, ShowStore } from '../store.js';
import { inTransaction } from './pool.js';

/** The channel on which a hub says it moved the show; the payload is `<hub> <revision>`. */
export const SHOW_CHANNEL = 'ceremony_show';

const parse = (json: string): ShowState => ShowStateSchema.parse(JSON.parse(json));

/**
 * Writes the state decided on the row read FOR UPDATE at `fromRevision`, and its log line, inside
 * the caller's transaction (a show command's, or a scenario change's).
 */
export async function writeState(
  client: pg.ClientBase,
  hub: string,
  fromRevision: number,
  write: NonNullable<ShowDecision<unknown>['write']>,
): Promise<void> {
  const updated = await client.query(
    'UPDATE show_state SET json = $1, revision = $2 WHERE id = 1 AND revision = $3',
    [JSON.stringify(write.state), write.state.revision, fromRevision],
  );
  // Cannot happen under the row lock; if it ever does, an error beats a false ok.
  if (updated.rowCount !== 1) throw new Error(`the show moved past revision ${fromRevision} meanwhile`);
  await client.query(
    'INSERT INTO show_log (at, hub, device_id, command, revision) VALUES ($1, $2, $3, $4, $5)',
    [write.now, hub, write.deviceId, JSON.stringify(write.command), write.state.revision],
  );
}

/**
 * How long a show command waits for another writer's hold on the show row before it gives up, rolled
 * back (`heldUp` in unavailable.ts). Another hub's GO or scenario change holds it for milliseconds; a
 * hold past this is a commit waiting for a standby that is gone (the backup laptop off), which lands
 * only when `standby.sh solo` runs. A command queued behind it would then be decided again on the
 * state that commit leaves (a host console's GO refused as stale), or dropped at its query timeout:
 * either way not carried out, though at 2.5 s (ASK_WHY_AFTER_MS) it would be told it waits. Giving
 * up sooner tells its sender the truth: not carried out.
 */
export const HELD_UP_MS = 1500;

/** The show row as this store last read or wrote it: what the one-statement GO is conditional on. */
interface KnownRow {
  json: string;
  revision: number;
}

/**
 * A GO in one round trip (no BEGIN, no COMMIT: one statement is its own transaction): the state and
 * its log line are written, and NOTIFY sent at the commit, only if the row is still exactly the one
 * decided on. The text is compared as well as the revision: a new evening may start the revisions
 * again, and a purge rewrites the text under the same revision. Data-modifying WITH parts run once
 * and to completion whether or not the outer SELECT reads them. The row is first locked without
 * waiting (SKIP LOCKED): while another writer holds it, nothing is written and no row comes back, so
 * the locked transaction decides on the row that writer leaves, within its lock timeout
 * (HELD_UP_MS). The statement itself never waits behind a lock.
 */
const ADVANCE_IF_UNCHANGED = `WITH free AS (
     SELECT id FROM show_state WHERE id = 1 AND revision = $3 AND json = $4 FOR UPDATE SKIP LOCKED
   ), moved AS (
     UPDATE show_state SET json = $1, revision = $2
      WHERE id = (SELECT id FROM free) AND revision = $3 AND json = $4
     RETURNING revision
   ), logged AS (
     INSERT INTO show_log (at, hub, device_id, command, revision)
     SELECT $5::bigint, $6::text, $7::text, $8::text, moved.revision FROM moved
   )
   SELECT pg_notify($9, $10) FROM moved`;

/**
 * The live show state in PostgreSQL, shared by every hub. A GO is a compare-and-set: `decide` runs on
 * the row this store last read or wrote, and one statement writes the result only if that row is
 * still the stored one (ADVANCE_IF_UNCHANGED). When it is not (another hub, a scenario change or a
 * purge moved it), or when `decide` refuses (a refusal must be judged on the true row, not on a
 * memory), the locked transaction decides again on the row read FOR UPDATE: when two hubs race, the
 * second waits for the lock, reads the first one's state, and the engine refuses its stale command.
 * NOTIFY goes out with the commit either way, so the other hubs reload their copy. The memory only
 * saves round trips: whatever it holds, a write lands only on the row it was decided on.
 */
export class PostgresShowStore implements ShowStore {
  private known: KnownRow | null = null;
  /**
   * The revision of this hub's own GO while its answer is on the way. Its NOTIFY reaches the LISTEN
   * connection at the same commit and is often read first (12 of 40 GOs in a bench run): it is not
   * news then, and taking it for a write given up on cost a reload of the row after the GO. (A
   * scenario change's NOTIFY read first still costs that reload: rare, and harmless.)
   */
  private onItsWay: number | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly hub: string,
  ) {}

  async loadState(): Promise<ShowState | null> {
    const { rows } = await this.pool.query<KnownRow>('SELECT json, revision FROM show_state WHERE id = 1');
    const row = rows[0];
    if (!row) return null;
    this.known = row;
    return parse(row.json);
  }

  /** The first hub on a new database stores where it stands; later hubs find a row and keep it. */
  async adopt(state: ShowState): Promise<void> {
    const { rows } = await this.pool.query<KnownRow>(
      `INSERT INTO show_state (id, json, revision) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING
       RETURNING json, revision`,
      [JSON.stringify(state), state.revision],
    );
    if (rows[0]) this.known = rows[0];
  }

  /** Another writer of this hub (a scenario change, writeState) committed `state`: decide on it next. */
  written(state: ShowState): void {
    this.known = { json: JSON.stringify(state), revision: state.revision };
  }

  async advance<T>(decide: (stored: ShowState | null) => ShowDecision<T>): Promise<T> {
    const known = this.known;
    if (known) {
      const { answer, write } = decide(parse(known.json));
      if (write) {
        const json = JSON.stringify(write.state);
        let moved: pg.QueryResult;
        this.onItsWay = write.state.revision;
        try {
          // Named, so each pooled connection parses and plans it once (about 0.1 ms a GO here):
          // the hubs already need session connections for LISTEN, so no pooler stands between.
          moved = await this.pool.query({
            name: 'show-advance-if-unchanged',
            text: ADVANCE_IF_UNCHANGED,
            values: [
              json,
              write.state.revision,
              known.revision,
              known.json,
              write.now,
              this.hub,
              write.deviceId,
              JSON.stringify(write.command),
              SHOW_CHANNEL,
              `${this.hub} ${write.state.revision}`,
            ],
          });
        } catch (err) {
          // Not retried on the locked path: the statement may have committed before the link broke,
          // and deciding again on that row would move the show twice. The caller refuses instead.
          this.known = null;
          throw err;
        } finally {
          this.onItsWay = null;
        }
        if (moved.rowCount === 1) {
          this.known = { json, revision: write.state.revision };
          return answer;
        }
      }
      this.known = null;
    }
    return this.advanceLocked(decide);
  }

  /**
   * Whether a revision this hub's own NOTIFY carries is news to it: a write it gave up waiting for
   * (the query timed out while the commit waited for a standby) that went through after all.
   */
  unseen(revision: number): boolean {
    if (revision === this.onItsWay) return false;
    return this.known === null || revision > this.known.revision;
  }

  private async advanceLocked<T>(decide: (stored: ShowState | null) => ShowDecision<T>): Promise<T> {
    try {
      const { answer, stored } = await inTransaction(this.pool, async (client) => {
        await client.query(`SET LOCAL lock_timeout = ${HELD_UP_MS}`);
        const { rows } = await client.query<KnownRow>(
          'SELECT json, revision FROM show_state WHERE id = 1 FOR UPDATE',
        );
        const row = rows[0];
        if (!row) throw new Error('the show state row is missing: the store was not opened with adopt()');
        const { answer, write } = decide(parse(row.json));
        if (!write) return { answer, stored: row };
        this.onItsWay = write.state.revision;
        await writeState(client, this.hub, row.revision, write);
        await client.query('SELECT pg_notify($1, $2)', [SHOW_CHANNEL, `${this.hub} ${write.state.revision}`]);
        return { answer, stored: { json: JSON.stringify(write.state), revision: write.state.revision } };
      });
      // Only once committed: a rolled-back write must not become the row the next GO is decided on.
      this.known = stored;
      return answer;
    } finally {
      // Its answer is back, or it failed: a failed write's NOTIFY, should it land after all, is news.
      this.onItsWay = null;
    }
  }
}
