import { describe, expect, it } from 'vitest';
import { InArrivalOrder } from './in-order.js';

describe('InArrivalOrder', () => {
  it('starts each task only after the one before has settled, failures included', async () => {
    const order = new InArrivalOrder();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = order.run(async () => {
      log.push('first:start');
      await gate;
      log.push('first:end');
      throw new Error('refused');
    });
    const second = order.run(async () => {
      log.push('second');
      return 2;
    });
    await Promise.resolve();
    expect(log).toEqual(['first:start']);
    release();
    await expect(first).rejects.toThrow('refused');
    await expect(second).resolves.toBe(2);
    expect(log).toEqual(['first:start', 'first:end', 'second']);
  });
});
