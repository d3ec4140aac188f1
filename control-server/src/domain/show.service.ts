import {
  autoFollowDue,
  initialShowState,
  reduceShow,
  type Answer,
  type Scenario,
  type ShowCommand,
  type ShowState,
  type Snapshot,
} from '@ceremony/shared';
import type { ShowRepository } from '../store/show.repository.js';

export interface ShowDeps {
  repo: ShowRepository;
  clock: () => number;
  /** Told after every committed change, to broadcast it. */
  onState: (state: ShowState) => void;
}

/**
 * Runs the pure show engine at the edge: one command at a time in arrival order, each persisted
 * before it is answered or broadcast. Owns the auto-follow timer, re-armed after a restart.
 */
export class ShowService {
  private state: ShowState;
  private scenario: Scenario;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: ShowDeps,
    scenario: Scenario,
  ) {
    this.scenario = scenario;
    this.state = deps.repo.loadState() ?? initialShowState();
    this.armAutoFollow();
  }

  snapshot(): Snapshot {
    return { scenario: this.scenario, state: this.state };
  }

  current(): ShowState {
    return this.state;
  }

  apply(command: ShowCommand, deviceId: string | null): Answer<{ state: ShowState }> {
    const now = this.deps.clock();
    const result = reduceShow(this.state, this.scenario, command, now);
    if (!result.ok) return result;
    this.deps.repo.commit(result.state, command, deviceId, now);
    this.state = result.state;
    this.armAutoFollow();
    this.deps.onState(this.state);
    return { ok: true, state: this.state };
  }

  /** A display reports its video finished: advance if the live cue waits for exactly that. */
  videoEnded(cueId: string): void {
    const cue = this.scenario.cues[this.state.cueIndex];
    if (cue?.id !== cueId || cue.autoFollow.kind !== 'video-end') return;
    this.apply({ type: 'auto-follow', fromCueId: cueId, expectedRevision: this.state.revision }, null);
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
    this.timer = setTimeout(() => this.apply(command, null), Math.max(0, at - this.deps.clock()));
  }
}
