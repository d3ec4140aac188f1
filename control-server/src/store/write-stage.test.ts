import { describe, expect, it } from 'vitest';
import { newStage, willLand, type WriteStage } from './write-stage.js';

/** A stage at one of the points a write passes (inTransaction marks them), behind `ahead`. */
type At = 'queued' | 'held up' | 'committing' | 'stopped';
function stageAt(at: At, ahead?: WriteStage): WriteStage {
  return {
    ...newStage(),
    begun: at !== 'queued',
    committing: at === 'committing',
    stopped: at === 'stopped',
    ahead,
  };
}

/** A line of writes on one hub, the first in line first: the last one is asked about. */
const line = (...ats: At[]): WriteStage =>
  ats.reduce<WriteStage | undefined>((ahead, at) => stageAt(at, ahead), undefined)!;

describe('willLand: does a write still on its way land once the standby answers or solo runs?', () => {
  it.each<[string, At[], boolean]>([
    ['first in line, not begun', ['queued'], true],
    ['its COMMIT sent', ['committing'], true],
    ['held up inside PostgreSQL (another hub holds the lock)', ['held up'], false],
    ['stopped already', ['stopped'], false],
    ['waiting its turn behind a COMMIT sent (a second import on one hub)', ['committing', 'queued'], true],
    ['waiting its turn behind one held up (two hubs editing one part)', ['held up', 'queued'], false],
    ['waiting its turn behind one stopped', ['stopped', 'queued'], false],
    ['third in line, behind a COMMIT sent', ['committing', 'queued', 'queued'], true],
    ['third in line, behind one held up', ['held up', 'queued', 'queued'], false],
    // A stopped write never commits, whatever is ahead of it.
    ['stopped, behind a COMMIT sent', ['committing', 'stopped'], false],
  ])('%s: %s → %s', (_case, ats, lands) => {
    expect(willLand(line(...ats))).toBe(lands);
  });
});
