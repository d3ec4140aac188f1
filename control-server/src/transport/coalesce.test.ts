import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesce } from './coalesce.js';

// The clock is the test's: a timeline of asks maps to exactly one timeline of runs, and "no run
// here" is a fact of that timeline, not a guess after sleeping.
// It starts at a real date: `last` begins at 0, the epoch, long before any real ask.
const T0 = Date.parse('2026-12-01T18:00:00Z');
beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Asks at each time in `asks` (ms from T0), cancels at `cancelAt`, and answers when `fn` ran. */
function timeline(ms: number, asks: number[], cancelAt?: number): number[] {
  const runs: number[] = [];
  const send = coalesce(() => runs.push(Date.now() - T0), ms);
  const events = [
    ...asks.map((at) => ({ at, act: () => send() })),
    ...(cancelAt === undefined ? [] : [{ at: cancelAt, act: () => send.cancel() }]),
  ].sort((a, b) => a.at - b.at);
  for (const { at, act } of events) {
    vi.advanceTimersByTime(T0 + at - Date.now());
    act();
  }
  vi.advanceTimersByTime(10 * ms); // long past any trailing run
  return runs;
}

describe('coalesce', () => {
  it.each([
    { name: 'one ask runs at once', asks: [0], runs: [0] },
    {
      name: 'a burst runs at once, then once at the end of the window',
      asks: [0, 10, 20, 50],
      runs: [0, 100],
    },
    { name: 'an ask after the window runs at once', asks: [0, 150], runs: [0, 150] },
    { name: 'an ask exactly at the window runs at once', asks: [0, 100], runs: [0, 100] },
    { name: 'asks while the trailing run waits add nothing', asks: [0, 50, 99], runs: [0, 100] },
    { name: 'the window counts from the trailing run', asks: [0, 10, 150], runs: [0, 100, 200] },
    {
      name: 'a steady stream runs once per window',
      asks: [0, 30, 60, 90, 120, 150, 180, 210],
      runs: [0, 100, 200, 300],
    },
    { name: 'cancel drops the waiting run', asks: [0, 10], cancelAt: 20, runs: [0] },
    { name: 'an ask after a cancel waits out the window', asks: [0, 10, 30], cancelAt: 20, runs: [0, 100] },
  ])('$name', ({ asks, cancelAt, runs }: { asks: number[]; cancelAt?: number; runs: number[] }) => {
    expect(timeline(100, asks, cancelAt)).toEqual(runs);
  });

  it('a run that throws is logged and the next ask runs again', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    let runs = 0;
    const send = coalesce(
      () => {
        runs++;
        if (runs === 1) throw new Error('the broadcast failed');
      },
      100,
      'the arrival figures',
    );
    expect(() => send()).not.toThrow();
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('the arrival figures'), expect.any(Error));
    vi.advanceTimersByTime(100);
    send();
    expect(runs).toBe(2);
  });
});
