import { afterEach, describe, expect, it, vi } from 'vitest';
import { warmUp } from './warmUp.js';

afterEach(() => vi.useRealTimers());

describe('warmUp: the split-off parts load while the page’s own hub is there', () => {
  it('loads every part once, after the first paint, not before', async () => {
    vi.useFakeTimers();
    const loads = [vi.fn(async () => 'setup'), vi.fn(async () => 'admin')];
    warmUp(loads, { afterMs: 1500 });
    expect(loads.map((l) => l.mock.calls.length)).toEqual([0, 0]);
    await vi.advanceTimersByTimeAsync(1500);
    expect(loads.map((l) => l.mock.calls.length)).toEqual([1, 1]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(loads.map((l) => l.mock.calls.length)).toEqual([1, 1]);
  });

  it('tries a part that failed (the hub away just then) again, and only that one, until it loads', async () => {
    vi.useFakeTimers();
    let fail = 2;
    const flaky = vi.fn(async () => {
      if (fail-- > 0) throw new Error('Failed to fetch dynamically imported module');
    });
    const fine = vi.fn(async () => undefined);
    warmUp([flaky, fine], { afterMs: 100, retryMs: 1000 });
    await vi.advanceTimersByTimeAsync(100);
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(flaky).toHaveBeenCalledTimes(3);
    expect(fine).toHaveBeenCalledTimes(1);
  });

  it('stops when told to (the page is closing)', async () => {
    vi.useFakeTimers();
    const load = vi.fn(async () => {
      throw new Error('away');
    });
    const stop = warmUp([load], { afterMs: 100, retryMs: 1000 });
    await vi.advanceTimersByTimeAsync(100);
    stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(load).toHaveBeenCalledTimes(1);
  });
});
