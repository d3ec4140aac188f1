import type { Guest, Scenario, ShowState } from '@ceremony/shared';

/** The run of show and the show state as stored, read together inside a scenario change's transaction. */
export interface StoredShow {
  state: ShowState;
  scenario: Scenario;
}

/**
 * What a change of the evening empties along with it. A new ceremony takes everything; a ceremony
 * package takes the guest list and its arrivals; a rehearsal cleared takes the arrivals only.
 */
export const EVENING_CLEARS = {
  // Every scan answer goes too: a replayed scanId must not bring back an old answer.
  arrivals: ['admissions', 'scans', 'station_visits', 'admission_undos'],
  // A reissue's undo goes with the list it belongs to.
  guests: ['badge_reissues', 'revoked_badges', 'guests'],
  feedback: ['feedback'],
} as const satisfies Record<string, readonly string[]>;

export type EveningClear = keyof typeof EVENING_CLEARS;

/** The tables the given clears empty, in a fixed order. */
export function clearedTables(clears: readonly EveningClear[] = []): string[] {
  return (Object.keys(EVENING_CLEARS) as EveningClear[])
    .filter((c) => clears.includes(c))
    .flatMap((c) => EVENING_CLEARS[c]);
}

/** One change of the scenario and show state as it is committed: all of it in one transaction, or none. */
export interface EveningWrite {
  state: ShowState;
  /** The new run of show; absent when it stays as it is (a rehearsal's end). */
  scenario?: Scenario;
  /** The show log's line for it. */
  entry: { type: string; [key: string]: unknown };
  deviceId: string | null;
  now: number;
  clear?: readonly EveningClear[];
  /** The guest list written after the clears (a ceremony package brings its own). */
  guests?: readonly Guest[];
}

/** What `decide` answers: the caller's answer, and what to commit when the change is accepted. */
export interface EveningDecision<T> {
  answer: T;
  write?: EveningWrite;
}

/**
 * Scenario changes on both engines. `decide` is synchronous for the reason ShowDecision is: on SQLite
 * it runs inside one IMMEDIATE transaction, on PostgreSQL on the show state row read FOR UPDATE, so
 * two hubs editing at once are decided one after the other and the revision check sees the winner.
 */
export interface ScenarioStore {
  change<T>(decide: (stored: StoredShow) => EveningDecision<T>): Promise<T>;
}
