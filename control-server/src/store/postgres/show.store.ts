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
 * The live show state in PostgreSQL, shared by every hub. `decide` runs on the row read FOR UPDATE,
 * and the write is conditional on that row's revision: when two hubs race, the second waits for the
 * lock, reads the first one's state, and the engine refuses its stale command. NOTIFY goes out with
 * the commit, so the other hubs reload their copy.
 */
export class PostgresShowStore implements ShowStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly hub: string,
  ) {}

  async loadState(): Promise<ShowState | null> {
    const { rows } = await this.pool.query<{ json: string }>('SELECT json FROM show_state WHERE id = 1');
    return rows[0] ? parse(rows[0].json) : null;
  }

  /** The first hub on a new database stores where it stands; later hubs find a row and keep it. */
  async adopt(state: ShowState): Promise<void> {
    await this.pool.query(
      'INSERT INTO show_state (id, json, revision) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING',
      [JSON.stringify(state), state.revision],
    );
  }

  advance<T>(decide: (stored: ShowState | null) => ShowDecision<T>): Promise<T> {
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ json: string; revision: number }>(
        'SELECT json, revision FROM show_state WHERE id = 1 FOR UPDATE',
      );
      const row = rows[0];
      if (!row) throw new Error('the show state row is missing: the store was not opened with adopt()');
      const { answer, write } = decide(parse(row.json));
      if (!write) return answer;
      await writeState(client, this.hub, row.revision, write);
      await client.query('SELECT pg_notify($1, $2)', [SHOW_CHANNEL, `${this.hub} ${write.state.revision}`]);
      return answer;
    });
  }
}
