import {
  refusal,
  generateEvening,
  readinessProblems,
  regenerateBlock,
  type Answer,
  type DisplayStatus,
  type MediaItem,
  type ReadinessAnswer,
  type ShowState,
} from '@ceremony/shared';
import type { ShowService } from './show.service.js';

export interface ProgramDeps {
  show: ShowService;
  /** The media library's files (the readiness check compares cues and photos against them). */
  listMedia: () => Promise<MediaItem[]>;
  /** How many guests the guest list holds. */
  guestCount: () => number;
  displays: () => DisplayStatus[];
  /** The booth's target ids: a cue action aimed at a deleted one is a readiness warning. */
  boothTargets?: () => string[];
}

/** The «Программа» and «Готовность» sections: the generated run of show and the readiness list. */
export class ProgramService {
  constructor(private readonly deps: ProgramDeps) {}

  /**
   * The whole evening (no nomination) or one nomination's block, rebuilt through editScenario so
   * it is committed with the next revision and broadcast. Refused while the show runs: cues would
   * move under the host's finger.
   */
  generate(nominationId: string | undefined, deviceId: string): Promise<Answer<{ state: ShowState }>> {
    if (this.deps.show.current().status === 'running')
      return Promise.resolve(refusal('CONFLICT', 'error.programWhileRunning'));
    return this.deps.show.editScenario(
      (scenario) => {
        if (nominationId === undefined) return generateEvening(scenario);
        return (
          regenerateBlock(scenario, nominationId) ??
          refusal('NOT_FOUND', 'error.nominationIdUnknown', { id: nominationId })
        );
      },
      deviceId,
      { type: 'run-of-show:generate', nominationId: nominationId ?? null },
    );
  }

  async readiness(): Promise<ReadinessAnswer> {
    const media = await this.deps.listMedia();
    const { scenario, state } = this.deps.show.snapshot();
    const problems = readinessProblems({
      scenario,
      state,
      media,
      guests: this.deps.guestCount(),
      displays: this.deps.displays(),
      boothTargets: this.deps.boothTargets?.(),
    });
    return { ok: true, ready: !problems.some((p) => p.severity === 'error'), problems };
  }
}
