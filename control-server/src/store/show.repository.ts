import {
  ScenarioSchema,
  ShowStateSchema,
  type Scenario,
  type ShowCommand,
  type ShowState,
} from '@ceremony/shared';
import type { Transaction } from 'better-sqlite3';
import type { Db } from './db.js';
import { stmt } from './statements.js';
import type { ShowDecision, ShowStore } from './store.js';

/** The scenario (run of show and everything it names) and the live show state. */
export class ShowRepository implements ShowStore {
  /** Made once: a GO's own transaction is the only one it runs (no savepoint inside it). */
  private readonly advancing: Transaction<
    (decide: (stored: ShowState | null) => ShowDecision<unknown>) => unknown
  >;
  private readonly committing: Transaction<(write: NonNullable<ShowDecision<unknown>['write']>) => void>;

  constructor(private readonly db: Db) {
    this.advancing = db.transaction((decide) => {
      const { answer, write } = decide(this.readState());
      if (write) this.write(write);
      return answer;
    });
    this.committing = db.transaction((write) => this.write(write));
  }

  loadScenario(): Scenario | null {
    const row = stmt(this.db, 'SELECT json FROM scenario WHERE id = 1').get() as { json: string } | undefined;
    return row ? ScenarioSchema.parse(JSON.parse(row.json)) : null;
  }

  saveScenario(scenario: Scenario, now: number): void {
    stmt(
      this.db,
      'INSERT INTO scenario (id, json, updated_at) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at',
    ).run(JSON.stringify(scenario), now);
  }

  /**
   * SQLite's side of ShowStore: the read, `decide` and the write run synchronously in one IMMEDIATE
   * transaction (the write lock from the start, as another process such as the CLI may write too).
   */
  advance<T>(decide: (stored: ShowState | null) => ShowDecision<T>): Promise<T> {
    try {
      return Promise.resolve(this.advancing.immediate(decide) as T);
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  loadState(): Promise<ShowState | null> {
    return Promise.resolve(this.readState());
  }

  /** The stored state, read synchronously: start-up and the SQLite transactions need it at once. */
  readState(): ShowState | null {
    const row = stmt(this.db, 'SELECT json FROM show_state WHERE id = 1').get() as
      { json: string } | undefined;
    return row ? ShowStateSchema.parse(JSON.parse(row.json)) : null;
  }

  /** Stores the new state and the command that made it in one transaction: both or neither survive a crash. */
  commit(
    state: ShowState,
    command: ShowCommand | { type: string },
    deviceId: string | null,
    now: number,
  ): void {
    this.committing({ state, command, deviceId, now });
  }

  /** The state and its log line; the caller holds the transaction. */
  private write({ state, command, deviceId, now }: NonNullable<ShowDecision<unknown>['write']>): void {
    stmt(
      this.db,
      'INSERT INTO show_state (id, json) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json',
    ).run(JSON.stringify(state));
    stmt(this.db, 'INSERT INTO show_log (at, device_id, command, revision) VALUES (?, ?, ?, ?)').run(
      now,
      deviceId,
      JSON.stringify(command),
      state.revision,
    );
  }
}
