import { initialShowState } from '@ceremony/shared';
import type { Db } from './db.js';
import type { GuestsRepository } from './guests.repository.js';
import {
  clearedTables,
  type EveningDecision,
  type ScenarioStore,
  type StoredShow,
} from './scenario.store.js';
import type { ShowRepository } from './show.repository.js';
import { stmt } from './statements.js';

/**
 * SQLite's side of ScenarioStore: the read, `decide` and every write (clears, guest list, scenario,
 * state and its log line) in one IMMEDIATE transaction, so a crash leaves the old evening or the new
 * one, never half of each.
 */
export class ScenarioRepository implements ScenarioStore {
  constructor(
    private readonly db: Db,
    private readonly show: ShowRepository,
    private readonly guests: GuestsRepository,
  ) {}

  change<T>(decide: (stored: StoredShow) => EveningDecision<T>): Promise<T> {
    try {
      const answer = this.db
        .transaction(() => {
          const scenario = this.show.loadScenario();
          if (!scenario) throw new Error('the database holds no scenario');
          const { answer, write } = decide({ state: this.show.readState() ?? initialShowState(), scenario });
          if (!write) return answer;
          for (const table of clearedTables(write.clear)) stmt(this.db, `DELETE FROM ${table}`).run();
          if (write.guests) this.guests.upsertMany(write.guests, write.now);
          if (write.scenario) this.show.saveScenario(write.scenario, write.now);
          this.show.commit(write.state, write.entry, write.deviceId, write.now);
          return answer;
        })
        .immediate();
      return Promise.resolve(answer);
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }
}
