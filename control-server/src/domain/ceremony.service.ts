import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  applyCeremonySettings,
  refusal,
  mediaUrl,
  newCeremonyScenario,
  type Answer,
  type CeremonySettings,
  type NewCeremonyRemovals,
  type NewCeremonyRequest,
  type RehearsalEnd,
  type ShowState,
} from '@ceremony/shared';
import type { CeremonyRepository } from '../store/ceremony.repository.js';
import type { ShowService } from './show.service.js';

/** The demo's own video files in DATA_DIR/media (app.ts seeds them): a new ceremony takes them away. */
export const DEMO_MEDIA = ['demo-interview.mp4'] as const;

export interface CeremonyDeps {
  repo: CeremonyRepository;
  show: ShowService;
  mediaDir: string;
  clock: () => number;
  /**
   * Removes library files (the demo's, once a new ceremony is committed): with other hubs from the
   * shared record too, or every hub would copy them back in.
   */
  removeMedia: (names: string[]) => Promise<void>;
  /** Told after guests or arrivals changed, to send the staff the new counts. */
  onArrivals?: () => void;
}

/**
 * The ceremony as a whole: starting a new one, its settings, and the end of a rehearsal. The show
 * service holds the scenario and state; this decides what may happen when, and what goes with it.
 */
export class CeremonyService {
  constructor(private readonly deps: CeremonyDeps) {}

  /**
   * A new, empty ceremony (docs/PROTOCOL.md «Preparing the ceremony»). `dryRun` only counts what would go,
   * for the confirmation screen. Refused while the show runs: the hall would lose its run of show.
   */
  async newCeremony(
    request: NewCeremonyRequest,
    dryRun: boolean,
    deviceId: string | null,
  ): Promise<Answer<{ dryRun: boolean; removes: NewCeremonyRemovals; state: ShowState }>> {
    const { show, repo } = this.deps;
    const running = (state: ShowState) =>
      state.status === 'running' ? refusal('CONFLICT', 'error.newCeremonyWhileRunning') : null;
    const refused = running(show.current());
    if (refused) return refused;
    const current = show.snapshot().scenario;
    const next = newCeremonyScenario(current, request, `c-${randomUUID().slice(0, 8)}`);
    const rows = repo.counts();
    const media = this.unusedDemoMedia(current.ceremony.demo === true, JSON.stringify(next));
    const removes: NewCeremonyRemovals = {
      nominees: current.nominees.length,
      guests: rows.guests,
      admissions: rows.admissions,
      stationVisits: rows.stationVisits,
      cues: current.cues.length,
      media: media.length,
      feedback: rows.feedback,
    };
    if (dryRun) return { ok: true, dryRun, removes, state: show.current() };
    // One transaction empties the guest list, the arrivals and the reviews with the new scenario.
    const rewound = await show.rewind(
      {
        scenario: next,
        clear: ['arrivals', 'guests', 'feedback'],
        entry: { type: 'ceremony:new', title: next.ceremony.title, ceremonyId: next.ceremony.id, removes },
      },
      deviceId,
      // Checked again on the stored state: another hub's GO may have started the show meanwhile.
      running,
    );
    if (!rewound.ok) return rewound;
    // Files are not in the transaction: removed once the new ceremony is committed. A file that
    // cannot be removed only costs disk space, so it does not undo the ceremony.
    if (media.length > 0)
      await this.deps
        .removeMedia(media)
        .catch((err: Error) => console.warn("[ceremony] the demo's files stay in the library:", err.message));
    this.deps.onArrivals?.();
    return { ok: true, dryRun, removes, state: rewound.state };
  }

  /** Title, date, venue, branding, length, guard: a correction, so allowed while the show runs. */
  settings(settings: CeremonySettings, deviceId: string | null): Promise<Answer<{ state: ShowState }>> {
    return this.deps.show.editScenario((s) => applyCeremonySettings(s, settings), deviceId, {
      type: 'ceremony:settings',
    });
  }

  /**
   * The rehearsal is over: the show back before its first GO (the log keeps the rehearsal and says
   * where it ended, so the evening's clock and report start after it). With `clear` the arrivals
   * and station visits made so far go; with `keep` they stay (guests already let in for real).
   */
  async endRehearsal(
    arrivals: RehearsalEnd['arrivals'],
    deviceId: string | null,
  ): Promise<
    Answer<{
      state: ShowState;
      arrivals: RehearsalEnd['arrivals'];
      cleared: { admissions: number; stationVisits: number };
    }>
  > {
    const { show, repo } = this.deps;
    const clear = arrivals === 'clear';
    const rows = repo.counts();
    const cleared = clear
      ? { admissions: rows.admissions, stationVisits: rows.stationVisits }
      : { admissions: 0, stationVisits: 0 };
    const rewound = await show.rewind(
      { entry: { type: 'rehearsal:end', arrivals, cleared }, ...(clear ? { clear: ['arrivals'] } : {}) },
      deviceId,
    );
    if (!rewound.ok) return rewound;
    if (clear) this.deps.onArrivals?.();
    return { ok: true, state: rewound.state, arrivals, cleared };
  }

  /** The demo's files still on disk that the new scenario does not name. */
  private unusedDemoMedia(wasDemo: boolean, nextJson: string): string[] {
    if (!wasDemo) return [];
    return DEMO_MEDIA.filter(
      (name) =>
        fs.existsSync(path.join(this.deps.mediaDir, name)) &&
        !nextJson.includes(JSON.stringify(mediaUrl(name)).slice(1, -1)),
    );
  }
}
