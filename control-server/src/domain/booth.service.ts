import {
  BoothTargetSchema,
  actionsMissingTarget,
  firingsBetween,
  refusal,
  translate,
  type Answer,
  type BoothTarget,
  type BoothTargetStatus,
  type CueAction,
  type CueFiring,
  type Failure,
  type Scenario,
  type ShowState,
} from '@ceremony/shared';
import { inBackground } from '../background.js';
import type { BoothRepository } from '../store/booth.repository.js';
import { DeliveryError, type BoothDelivery, type DeliveryReason } from '../transport/booth.deliver.js';

export interface BoothDeps {
  repo: BoothRepository;
  delivery: BoothDelivery;
  clock: () => number;
  /** OSC_OUT: fixed cue-feed targets from the server's configuration. */
  feed: readonly { host: string; port: number }[];
  /** A target started or stopped failing: tell host and admin (`booth:status`). */
  onStatus: (targets: BoothTargetStatus[]) => void;
  /**
   * With hubs on one PostgreSQL the targets are written there first (part `scenario`, copied back
   * into this hub's SQLite before it resolves); alone, straight into the SQLite file.
   */
  saveTargets?: (targets: readonly BoothTarget[]) => Promise<void>;
}

/**
 * A delivery nobody awaits: `attempt` already turns its failure into a warning, so what could still
 * reject here is telling host and admin; an unhandled rejection would end the process mid-show.
 */
const settle = (delivery: Promise<unknown>) =>
  void delivery.catch((err: unknown) =>
    console.error('[booth] a delivery went wrong; the show goes on:', err),
  );

type Moment = Pick<ShowState, 'revision' | 'cueId' | 'cueIndex' | 'cueStartedAt' | 'status'>;

/**
 * The booth follows the show: on every cue change the cue feed goes to QLab and the desks, and the
 * cue's own actions fire once. All of it runs after the state was committed and broadcast, in the
 * background: a hanging or refusing target costs a warning, never a moment of the GO.
 */
export class BoothService {
  private readonly failing = new Map<string, { at: number; reason: string }>();
  private stored: BoothTarget[];

  constructor(private readonly deps: BoothDeps) {
    this.stored = deps.repo.targets();
  }

  /** The targets the admin set up (OSC_OUT's fixed ones are not among them). */
  targets(): BoothTarget[] {
    return this.stored;
  }

  /**
   * Replaces the admin's list; a cue action left pointing at a removed target shows in readiness.
   * The shared database away: a clear refusal, and the list stays as it was.
   */
  async saveTargets(targets: BoothTarget[]): Promise<Answer<object>> {
    const { saveTargets } = this.deps;
    if (!saveTargets) this.deps.repo.saveTargets(targets);
    else {
      try {
        await saveTargets(targets);
      } catch (err) {
        console.warn('[booth] the targets were not saved:', (err as Error).message);
        return refusal('INTERNAL', 'error.store.unavailable');
      }
    }
    this.take(targets);
    this.deps.onStatus(this.status());
    return { ok: true };
  }

  /**
   * Another hub saved the targets (already copied into this hub's SQLite). That hub told every
   * screen the new status; this one only takes the list, so a GO here fires at the same targets.
   */
  reloadTargets(): void {
    this.take(this.deps.repo.targets());
  }

  private take(targets: BoothTarget[]): void {
    this.stored = targets;
    const ids = new Set(targets.map((t) => t.id));
    for (const id of [...this.failing.keys()])
      if (!ids.has(id) && !id.startsWith('osc-out-')) this.failing.delete(id);
  }

  /** Refuses a scenario whose cue actions point at a target the booth does not have. */
  checkScenario(scenario: Scenario): Failure | null {
    const [missing] = actionsMissingTarget(
      scenario.cues,
      this.stored.map((t) => t.id),
    );
    return missing
      ? refusal('INVALID_PAYLOAD', 'error.booth.targetMissing', {
          cue: missing.cueTitle,
          target: missing.targetId,
        })
      : null;
  }

  /** Every target with whether its last delivery failed, for host and admin. */
  status(): BoothTargetStatus[] {
    const all = [...this.feedTargets(), ...this.stored];
    return all.map((t) => {
      const f = this.failing.get(t.id);
      return f
        ? { id: t.id, name: t.name, ok: false, failedAt: f.at, reason: f.reason }
        : { id: t.id, name: t.name, ok: true };
    });
  }

  /**
   * Told of every change this hub committed (after its broadcast): the state it was decided on, the
   * state it made, and the scenario. Only the committing hub is told, and `before` is the stored
   * state, not this hub's last copy: a hub that last saw the show several cues ago (another hub moved
   * it since) would otherwise re-fire a cue's start on a mere blackout, or lose a cue's end. A
   * restarted hub is told nothing until it commits, so it never replays the live cue.
   */
  follow(before: Moment, state: ShowState, scenario: Scenario): void {
    const firings = firingsBetween(before, state, scenario);
    const cueMoved = state.cueStartedAt !== before.cueStartedAt || state.cueId !== before.cueId;
    const cue = state.status === 'running' ? scenario.cues[state.cueIndex] : undefined;
    if (!cueMoved && firings.length === 0) return;
    setImmediate(
      inBackground('telling the booth of a cue change', () => {
        if (cueMoved && cue && cue.id === state.cueId)
          this.sendFeed(state.cueIndex, cue.id, cue.kind, cue.title);
        for (const firing of firings) this.fire(firing);
      }),
    );
  }

  /** The «Проверить» button: one action, now, answered with how it went. */
  async tryAction(action: CueAction): Promise<Answer<object>> {
    const target = this.stored.find((t) => t.id === action.targetId);
    if (!target) return refusal('NOT_FOUND', 'error.booth.targetUnknown', { target: action.targetId });
    const ok = await this.deliver(target, action);
    if (ok) return { ok: true };
    // 504, the gateway's word: this server is fine, the machine behind it did not answer.
    const reason = (this.failing.get(target.id)?.reason ?? 'booth.reason.other') as DeliveryReason;
    return refusal('TIMEOUT', 'error.booth.tryFailed', {
      target: target.name,
      why: translate('ru', reason),
      whyKey: reason,
    });
  }

  private feedTargets(): BoothTarget[] {
    return this.deps.feed.map((f, i) =>
      BoothTargetSchema.parse({
        id: `osc-out-${i + 1}`,
        name: `OSC_OUT ${f.host}:${f.port}`,
        protocol: 'osc',
        host: f.host,
        port: f.port,
        cueFeed: true,
      }),
    );
  }

  private sendFeed(index: number, cueId: string, kind: string, title: string): void {
    const feed = [...this.feedTargets(), ...this.stored].filter((t) => t.cueFeed && t.protocol === 'osc');
    for (const t of feed) {
      settle(
        this.attempt(t, () =>
          this.deps.delivery.osc(t.host, t.port, '/ceremony/cue', [index, cueId, kind, title]),
        ),
      );
    }
  }

  private fire(firing: CueFiring): void {
    if (!this.deps.repo.claim(firing, this.deps.clock())) return;
    for (const action of firing.actions) {
      const target = this.stored.find((t) => t.id === action.targetId);
      if (target) settle(this.deliver(target, action));
    }
  }

  private deliver(target: BoothTarget, action: CueAction): Promise<boolean> {
    return this.attempt(target, () => this.deps.delivery.action(target, action));
  }

  /** Sends, then records whether the target works; a change of that is news for host and admin. */
  private async attempt(target: BoothTarget, send: () => Promise<void>): Promise<boolean> {
    const wasFailing = this.failing.has(target.id);
    try {
      await send();
      if (wasFailing) {
        this.failing.delete(target.id);
        this.deps.onStatus(this.status());
      }
      return true;
    } catch (err) {
      const reason = err instanceof DeliveryError ? err.reason : 'booth.reason.other';
      console.warn(
        `[booth] «${target.name}» (${target.host}:${target.port}): ${String((err as Error).message)}`,
      );
      const before = this.failing.get(target.id)?.reason;
      this.failing.set(target.id, { at: this.deps.clock(), reason });
      if (before !== reason) this.deps.onStatus(this.status());
      return false;
    }
  }
}
