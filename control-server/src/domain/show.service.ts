import { inBackground } from '../background.js';
import {
  autoFollowDue,
  initialShowState,
  positionForAction,
  reduceShow,
  refusal,
  reindexAfterEdit,
  scenarioChanges,
  scenarioProblems,
  type Answer,
  type ClipReport,
  type Failure,
  type Scenario,
  type ShowCommand,
  type ShowState,
  type Snapshot,
} from '@ceremony/shared';
import type { ShowRepository } from '../store/show.repository.js';
import type { EveningWrite, ScenarioStore, StoredShow } from '../store/scenario.store.js';
import type { ShowStore } from '../store/store.js';
import { showNotCarriedOut, type NotCommitted } from '../store/unavailable.js';
import { InArrivalOrder } from './in-order.js';
import { StandbyWait } from './standby-wait.js';

/** How much sooner than the clip's length a cue may end on the projector's word (start latency, clock). */
export const CLIP_END_SLACK_MS = 1500;

export interface ShowDeps {
  /** Where show commands commit (either engine). */
  store: ShowStore;
  /** Where scenario changes commit, with the state and whatever they clear (either engine). */
  scenarios: ScenarioStore;
  /** This hub's SQLite: the run of show as last copied in (another hub's change is read from here). */
  repo: Pick<ShowRepository, 'loadScenario'>;
  /** The evening lives in a PostgreSQL shared with other hubs: a failed write there is a refusal. */
  shared?: boolean;
  /** Why a write to it was not confirmed (the database away, or waiting for its standby). */
  whyNotCommitted?: (failure?: unknown) => Promise<NotCommitted>;
  clock: () => number;
  /**
   * Told after every change this hub committed, to broadcast it and fire the booth's cues. `before` is
   * the state the change was decided on: with several hubs the stored one, which this hub's copy may
   * have lagged behind. `told` is this hub's copy before it, what its own clients last heard: each hub
   * tells its own clients (another hub's move reaches them through onHeard), so their views move from it.
   */
  onState: (state: ShowState, before: ShowState, told: ShowState) => void;
  /**
   * Another hub moved the show (its commit's NOTIFY, or this hub finding it moved): this hub's own
   * clients hear it from here, from `told`. The booth is not told: the hub that moved it fired its cues.
   */
  onHeard: (state: ShowState, told: ShowState) => void;
  /** Told after the scenario was edited or replaced, to send every screen the whole new picture. */
  onSnapshot?: (snapshot: Snapshot, before: ShowState) => void;
  /** What the projector last said about a clip: a pause records the frame the hall really sees. */
  clipReport?: (cueId: string) => ClipReport | null;
  /** A rule outside the show engine a new scenario must keep (the booth: cue actions need their targets). */
  checkScenario?: (scenario: Scenario) => Failure | null;
}

/** A scenario change as planned on the stored show, before it is given its device and time. */
type Planned = Omit<EveningWrite, 'deviceId' | 'now'>;

/**
 * Runs the pure show engine at the edge: one command at a time in arrival order, each persisted
 * before it is answered or broadcast. Owns the auto-follow timer, re-armed after a restart.
 */
export class ShowService {
  private state: ShowState;
  private scenario: Scenario;
  private timer: NodeJS.Timeout | null = null;
  private readonly commands = new InArrivalOrder();
  private readonly standby: StandbyWait | null;

  constructor(
    private readonly deps: ShowDeps,
    scenario: Scenario,
    stored: ShowState | null,
  ) {
    this.scenario = scenario;
    this.state = stored ?? initialShowState();
    this.standby = deps.whyNotCommitted ? new StandbyWait(deps.whyNotCommitted) : null;
    this.armAutoFollow();
  }

  snapshot(): Snapshot {
    return { scenario: this.scenario, state: this.state };
  }

  current(): ShowState {
    return this.state;
  }

  /**
   * One show command, after every command that arrived before it on this hub. The engine decides on
   * the state as stored (another hub may have moved it), inside the transaction that commits the
   * result; the answer and the broadcast come only after that commit.
   */
  apply(command: ShowCommand, deviceId: string | null): Promise<Answer<{ state: ShowState }>> {
    // A command before it still waits for the synchronous standby: refused at once, in words (standby-wait.ts).
    if (this.standby?.stalled()) return Promise.resolve(refusal('INTERNAL', 'error.store.standbyStalled'));
    const carryOut = () =>
      this.commands.run(async (): Promise<Answer<{ state: ShowState }>> => {
        const now = this.deps.clock();
        let answer: Answer<{ state: ShowState }>;
        let before = this.state;
        try {
          answer = await this.deps.store.advance<Answer<{ state: ShowState }>>((stored) => {
            const current = stored ?? this.state;
            before = current;
            const result = reduceShow(current, this.scenario, this.measured(current, command, now), now);
            return result.ok
              ? { answer: result, write: { state: result.state, command, deviceId, now } }
              : { answer: result };
          });
        } catch (err) {
          // The shared database away (restarting, the network): a clear refusal, never a false ok.
          if (!this.deps.shared) throw err;
          console.warn(`[show] ${command.type} not committed:`, (err as Error).message);
          return refusal('INTERNAL', await this.notCommitted(err));
        }
        if (!answer.ok) {
          // Refused because another hub moved first: take its state, so this hub's copy is not stale.
          if (this.deps.shared) await this.refreshNow();
          return answer;
        }
        const told = this.state;
        this.state = answer.state;
        this.armAutoFollow();
        this.deps.onState(this.state, before, told);
        return { ok: true, state: this.state };
      });
    return this.standby ? this.standby.watch(carryOut) : carryOut();
  }

  /**
   * Another hub committed a change (or the link to the database came back): take the stored state and
   * tell this hub's own clients, as every hub does for its own (the other hub told only its own).
   * `ours` names the revision of a write of this hub that was refused as not confirmed and went
   * through after all (its commit waited for the standby past the query timeout): nobody fired its
   * cues, so this hub does, if it is still the latest. Once another hub moved on from it, that hub
   * fired its own, and firing these too would play the booth's cues twice.
   */
  refresh(ours: number | null = null): Promise<void> {
    return this.commands.run(() => this.refreshNow(ours));
  }

  private async refreshNow(ours: number | null = null): Promise<void> {
    const stored = await this.deps.store.loadState();
    if (!stored || stored.revision <= this.state.revision) return;
    const told = this.state;
    this.state = stored;
    this.armAutoFollow();
    if (ours !== null && stored.revision === ours) this.deps.onState(this.state, told, told);
    else this.deps.onHeard(this.state, told);
  }

  private async notCommitted(failure: unknown) {
    return showNotCarriedOut(
      (await this.deps.whyNotCommitted?.(failure)) ?? 'error.store.unavailable',
      failure,
    );
  }

  /** A play/pause gets where the live clip is now, so every display (and a reloaded one) shows that frame. */
  private measured(current: ShowState, command: ShowCommand, now: number): ShowCommand {
    const { cueId } = current;
    if (command.type !== 'media' || command.positionS !== undefined || cueId === null) return command;
    const report = this.deps.clipReport?.(cueId) ?? null;
    return { ...command, positionS: positionForAction(current, command.action, now, report) };
  }

  /**
   * Another hub changed the run of show: its part is already copied into this hub's SQLite. Takes it
   * with the stored state; answers whether the scenario changed, so the caller sends this hub's own
   * clients the new snapshot (the other hub sends its own).
   */
  reloadScenario(): Promise<boolean> {
    return this.commands.run(async () => {
      const scenario = this.deps.repo.loadScenario();
      const stored = await this.deps.store.loadState();
      const told = this.state;
      if (stored && stored.revision > this.state.revision) this.state = stored;
      const changed = scenario !== null && JSON.stringify(scenario) !== JSON.stringify(this.scenario);
      if (scenario && changed) this.scenario = scenario;
      this.armAutoFollow();
      // The caller sends a new run of show whole; a state moved in the same one goes as any other.
      if (!changed && this.state !== told) this.deps.onHeard(this.state, told);
      return changed;
    });
  }

  /**
   * Setup mode: replaces the scenario without a restart. The edit must be made against the current
   * revision as stored (never a silent overwrite; two hubs racing: one wins), must hold together
   * (scenarioProblems), and keeps the live cue live wherever it moved to. Persisted with the new
   * state in one transaction, then broadcast as a snapshot so the projector shows corrected names at once.
   */
  updateScenario(
    edit: { expectedRevision: number; scenario: Scenario },
    deviceId: string | null,
  ): Promise<Answer<{ state: ShowState }>> {
    const entry = { type: 'scenario:update', expectedRevision: edit.expectedRevision };
    return this.commitEvening((stored) => {
      if (edit.expectedRevision !== stored.state.revision)
        return refusal('STALE_REVISION', 'error.scenarioEditStale', {
          revision: stored.state.revision,
          expected: edit.expectedRevision,
        });
      return this.edited(stored, () => edit.scenario, entry);
    }, deviceId);
  }

  /**
   * A change to the scenario made on the server (the preparing screens' endpoints): applied to the
   * scenario as stored now, so there is nothing to be stale against. `change` answers the new scenario,
   * or a Failure that refuses it; the result must hold together. Committed with the next revision and
   * a log line, then sent to every screen as a snapshot.
   */
  editScenario(
    change: (scenario: Scenario) => Scenario | Failure,
    deviceId: string | null,
    entry: { type: string; [key: string]: unknown },
  ): Promise<Answer<{ state: ShowState }>> {
    return this.commitEvening((stored) => this.edited(stored, change, entry), deviceId);
  }

  /** The write an edit makes, or why it is refused. */
  private edited(
    stored: StoredShow,
    change: (scenario: Scenario) => Scenario | Failure,
    entry: { type: string; [key: string]: unknown },
  ): Failure | Planned {
    const next = change(stored.scenario);
    if ('ok' in next) return next;
    const refused = this.deps.checkScenario?.(next);
    if (refused) return refused;
    const problems = scenarioProblems(next);
    if (problems.length > 0) {
      return refusal('INVALID_PAYLOAD', 'error.scenarioNotSaved', {
        problems: problems.slice(0, 5).join('; '),
      });
    }
    return {
      scenario: next,
      state: reindexAfterEdit({ ...stored.state, revision: stored.state.revision + 1 }, next),
      entry: { ...entry, changes: scenarioChanges(stored.scenario, next).slice(0, 50) },
    };
  }

  /**
   * The projector reports its video finished: advance if the live cue waits for exactly that and
   * has been live about the clip's length (`clipS`), so an `ended` sent early moves nothing.
   */
  videoEnded(cueId: string, clipS: number): void {
    const cue = this.scenario.cues[this.state.cueIndex];
    if (cue?.id !== cueId || cue.autoFollow.kind !== 'video-end') return;
    const liveMs = this.deps.clock() - (this.state.cueStartedAt ?? Infinity);
    if (liveMs < clipS * 1000 - CLIP_END_SLACK_MS) return;
    const ended = { type: 'auto-follow', fromCueId: cueId, expectedRevision: this.state.revision } as const;
    // Nobody waits for this answer: a failed write is logged, and the host can still press GO.
    inBackground(`advancing after the clip of cue ${cueId}`, () => this.apply(ended, null))();
  }

  /**
   * A ceremony file imported over the current one (the admin screen, the CLI). While the show runs it
   * is refused: a run of show swapped under the host mid-evening is rarely what anyone meant, so it
   * takes `force`. Kept here, not in each caller, so the router and the CLI cannot differ.
   */
  importScenario(scenario: Scenario, force: boolean): Promise<Answer<{ snapshot: Snapshot }>> {
    return this.replaceScenario(scenario, {}, (stored) =>
      stored.status === 'running' && !force ? refusal('CONFLICT', 'error.scenarioImportWhileRunning') : null,
    );
  }

  /**
   * Puts a new scenario in place (ceremony import, ceremony package). The live cue stays live when
   * the new run of show still has it; otherwise the show goes back to "before the first GO". Saved
   * and committed before everyone is sent the new snapshot, here, as every edit is. `together` is
   * committed in the same transaction (a ceremony package clears the arrivals and brings its guest
   * list); when anything fails nothing is saved, nobody is told, and the show in memory stays as it was.
   */
  async replaceScenario(
    scenario: Scenario,
    together: Pick<EveningWrite, 'clear' | 'guests'> = {},
    refuse?: (stored: ShowState) => Failure | null,
  ): Promise<Answer<{ snapshot: Snapshot }>> {
    const answer = await this.commitEvening((stored) => {
      const refused = refuse?.(stored.state);
      if (refused) return refused;
      const { state: current } = stored;
      const index = current.cueId === null ? -1 : scenario.cues.findIndex((c) => c.id === current.cueId);
      const base = index >= 0 ? { ...current, cueIndex: index } : initialShowState();
      const state = { ...base, revision: current.revision + 1 };
      return { scenario, state, entry: { type: 'scenario-import' }, ...together };
    }, null);
    return answer.ok ? { ok: true, snapshot: this.snapshot() } : answer;
  }

  /**
   * Back to before the first GO (a rehearsal ended, a new ceremony began), with the next revision so
   * every screen takes it as news rather than as an old state, committed with its log line and what
   * it clears in one transaction; only then is it held and broadcast: as a snapshot when the
   * scenario changed, as a state when it did not.
   */
  rewind(
    change: Pick<EveningWrite, 'scenario' | 'clear' | 'entry'>,
    deviceId: string | null,
    refuse?: (stored: ShowState) => Failure | null,
  ): Promise<Answer<{ state: ShowState }>> {
    return this.commitEvening(
      (stored) =>
        refuse?.(stored.state) ?? {
          ...change,
          state: { ...initialShowState(), revision: stored.state.revision + 1 },
        },
      deviceId,
    );
  }

  /**
   * Every scenario change goes through here, in arrival order with the show's commands: `plan`
   * decides on the stored scenario and state inside the store's transaction; the hub's copy, the
   * auto-follow and the broadcast follow only after the commit. With the shared database away the
   * answer is a clear refusal, never a false ok.
   */
  private commitEvening(
    plan: (stored: StoredShow) => Failure | Planned,
    deviceId: string | null,
  ): Promise<Answer<{ state: ShowState }>> {
    return this.commands.run(async () => {
      const now = this.deps.clock();
      const made: { stored?: StoredShow; write?: EveningWrite } = {};
      let answer: Answer<{ state: ShowState }>;
      try {
        answer = await this.deps.scenarios.change<Answer<{ state: ShowState }>>((stored) => {
          made.stored = stored;
          const planned = plan(stored);
          if ('ok' in planned) return { answer: planned };
          made.write = { ...planned, deviceId, now };
          return { answer: { ok: true, state: planned.state }, write: made.write };
        });
      } catch (err) {
        if (!this.deps.shared) throw err;
        console.warn('[show] a scenario change was not committed:', (err as Error).message);
        return refusal('INTERNAL', await this.notCommitted(err));
      }
      const { stored, write } = made;
      if (!answer.ok || !stored || !write) {
        // Refused on the stored state: when another hub moved first, take its state and scenario.
        if (this.deps.shared) await this.refreshNow();
        return answer;
      }
      const before = stored.state;
      const told = this.state;
      // A state-only change (a rehearsal's end) keeps this hub's run of show: if another hub's edit
      // is still on its way here, reloadScenario takes it and tells this hub's screens.
      if (write.scenario) this.scenario = write.scenario;
      this.state = write.state;
      this.armAutoFollow();
      if (write.scenario) this.deps.onSnapshot?.(this.snapshot(), before);
      else this.deps.onState(this.state, before, told);
      return { ok: true, state: this.state };
    });
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private armAutoFollow(): void {
    this.stop();
    const at = autoFollowDue(this.state, this.scenario);
    if (at === null || this.state.cueId === null) return;
    const command: ShowCommand = {
      type: 'auto-follow',
      fromCueId: this.state.cueId,
      expectedRevision: this.state.revision,
    };
    // A failed write here (a full or locked disk) must not end the show: the host can still press GO.
    const follow = inBackground(`auto-follow from cue ${command.fromCueId}`, () => this.apply(command, null));
    this.timer = setTimeout(follow, Math.max(0, at - this.deps.clock()));
  }
}
