import { ScenarioSchema, ShowStateSchema, type BoothTarget, type ShowState } from '@ceremony/shared';
import {
  clearedTables,
  type EveningDecision,
  type ScenarioStore,
  type StoredShow,
} from '../scenario.store.js';
import { GUEST_COLUMNS, guestRow } from './guests.sql.js';
import { EVENING_PARTS, type EveningPart } from './mirror.js';
import { insertRows, runStatements } from './rows.js';
import { newCopyGeneration } from './part.copy.js';
import { lockParts } from './part.writer.js';
import { inTransaction } from './pool.js';
import type { SharedStore } from './shared.store.js';
import { SHOW_CHANNEL, writeState } from './show.store.js';

/** The part of the evening a table belongs to: a change to it is announced and copied as that part. */
function partOf(table: string): EveningPart {
  const entry = Object.entries(EVENING_PARTS).find(([, tables]) =>
    (tables as readonly string[]).includes(table),
  );
  if (!entry) throw new Error(`table ${table} belongs to no part of the evening`);
  return entry[0] as EveningPart;
}

/**
 * The run of show (part `scenario`: the scenario and the booth's targets) in PostgreSQL. A change
 * locks the show state row FOR UPDATE, reads the stored scenario beside it, and commits the scenario,
 * the state, the log line and whatever the change clears in that one transaction; then it says which
 * parts it touched (the other hubs copy them) and copies them into this hub's SQLite before answering.
 */
export class PostgresScenarioStore implements ScenarioStore {
  constructor(private readonly shared: Pick<SharedStore, 'pool' | 'hub' | 'changed' | 'pull' | 'show'>) {}

  async change<T>(decide: (stored: StoredShow) => EveningDecision<T>): Promise<T> {
    const touched = new Set<EveningPart>();
    let written: ShowState | null = null;
    const answer = await inTransaction(this.shared.pool, async (client) => {
      const state = await client.query<{ json: string; revision: number }>(
        'SELECT json, revision FROM show_state WHERE id = 1 FOR UPDATE',
      );
      const scenario = await client.query<{ json: string }>('SELECT json FROM scenario WHERE id = 1');
      const row = state.rows[0];
      const stored = scenario.rows[0];
      if (!row || !stored) throw new Error('the shared database holds no show state or no scenario');
      const { answer, write } = decide({
        state: ShowStateSchema.parse(JSON.parse(row.json)),
        scenario: ScenarioSchema.parse(JSON.parse(stored.json)),
      });
      if (!write) return answer;
      const emptied = new Set(clearedTables(write.clear).map(partOf));
      if (write.guests) emptied.add('guests');
      // Their writers wait meanwhile; copies kept a change at a time start over (part.copy.ts).
      await lockParts(client, emptied);
      for (const table of clearedTables(write.clear)) {
        await client.query(`DELETE FROM ${table}`);
        touched.add(partOf(table));
      }
      for (const part of emptied) {
        if (part === 'checkins' || part === 'stations') await newCopyGeneration(client, part);
      }
      if (write.guests) {
        await runStatements(
          client,
          insertRows(
            'guests',
            GUEST_COLUMNS,
            write.guests.map((g) => guestRow(g, write.now)),
          ),
        );
        touched.add('guests');
      }
      if (write.scenario) {
        await client.query(
          `INSERT INTO scenario (id, json, updated_at) VALUES (1, $1, $2)
             ON CONFLICT (id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
          [JSON.stringify(write.scenario), write.now],
        );
        touched.add('scenario');
      }
      await writeState(client, this.shared.hub, row.revision, { ...write, command: write.entry });
      written = write.state;
      // A new run of show reaches the other hubs as part `scenario` (they reload it with the state);
      // the state alone (a rehearsal's end) as the show's own news, as a GO does.
      if (!write.scenario)
        await client.query('SELECT pg_notify($1, $2)', [
          SHOW_CHANNEL,
          `${this.shared.hub} ${write.state.revision}`,
        ]);
      for (const part of touched) await this.shared.changed(client, part);
      return answer;
    });
    // The next GO on this hub is decided on this row in one statement, not after a failed try.
    if (written) this.shared.show.written(written);
    await this.copyBack(touched);
    return answer;
  }

  /** The booth's targets, replaced whole: part `scenario`, so every hub fires the same ones. */
  async saveTargets(targets: readonly BoothTarget[]): Promise<void> {
    await inTransaction(this.shared.pool, async (client) => {
      await client.query('DELETE FROM booth_targets');
      await runStatements(
        client,
        insertRows(
          'booth_targets',
          ['id', 'position', 'json'],
          targets.map((t, i) => [t.id, i, JSON.stringify(t)]),
        ),
      );
      await this.shared.changed(client, 'scenario');
    });
    await this.copyBack(new Set(['scenario']));
  }

  /**
   * Copies what was committed into this hub's SQLite. A failure here comes after the commit, so it
   * must not turn into a refusal (that would be a false "not done"): the copy is taken again when
   * the link to the database is back (the listener re-reads every part then).
   */
  private async copyBack(parts: Set<EveningPart>): Promise<void> {
    for (const part of parts) {
      await this.shared.pull(part).catch((err: Error) => {
        console.warn(`[postgres] copying ${part} back after a commit failed:`, err.message);
      });
    }
  }
}
