import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryBrakeLedger, PinBrake, type BrakeLedger, type BrakeRules } from '../src/domain/pin.brake.js';
import { PostgresBrakeLedger } from '../src/store/postgres/brake.ledger.js';
import { openSharedStore, type SharedStore } from '../src/store/postgres/shared.store.js';
import { startPostgres, type TestPostgres } from './postgres.js';

/*
 * One brake, both ledgers: the PIN brake decides the same whether it counts in this process (one
 * hub) or in PostgreSQL (hubs sharing one), step for step, with forgetting and the global window.
 */
const RULES: BrakeRules = {
  freeTries: 2,
  firstDelayMs: 1000,
  maxDelayMs: 4000,
  forgetMs: 10_000,
  globalWindowMs: 5000,
  globalLimit: 6,
};

type Step = {
  at: number;
  act: 'fail' | 'ok';
  address: string;
  /** How long each address must wait after the step. */
  waits: Record<string, number>;
  alarm?: boolean;
  recent?: number;
};

const STEPS: Step[] = [
  { at: 0, act: 'fail', address: 'x', waits: { x: 0 } },
  { at: 0, act: 'fail', address: 'x', waits: { x: 0 } },
  // The third wrong PIN is past the two free ones: a first delay.
  { at: 0, act: 'fail', address: 'x', waits: { x: 1000 } },
  { at: 500, act: 'fail', address: 'x', waits: { x: 2000 } },
  { at: 500, act: 'fail', address: 'y', waits: { x: 2000, y: 0 }, alarm: false, recent: 5 },
  // The sixth wrong PIN in the window raises the alarm: no free tries for anyone who guessed wrong.
  { at: 600, act: 'fail', address: 'y', waits: { x: 3900, y: 2000 }, alarm: true, recent: 6 },
  // Past the window the alarm is off; x is still remembered (not past forgetMs), its delay long over.
  { at: 5600, act: 'fail', address: 'z', waits: { x: 0, y: 0, z: 0 }, alarm: false, recent: 1 },
  { at: 5600, act: 'ok', address: 'x', waits: { x: 0 } },
  { at: 5700, act: 'fail', address: 'x', waits: { x: 0 } },
  // y quiet for forgetMs starts again from one.
  { at: 20_000, act: 'fail', address: 'y', waits: { y: 0 }, alarm: false, recent: 1 },
  { at: 20_000, act: 'fail', address: 'y', waits: { y: 0 } },
  { at: 20_000, act: 'fail', address: 'y', waits: { y: 1000 } },
];

let db: TestPostgres;
let shared: SharedStore;
beforeAll(async () => {
  db = await startPostgres();
  shared = await openSharedStore(db.url, 'ledger');
}, 60_000);
afterAll(async () => {
  await shared?.close();
  db?.remove();
});

const ledgers: { name: string; make: () => BrakeLedger }[] = [
  { name: 'in memory', make: () => new MemoryBrakeLedger() },
  { name: 'PostgreSQL', make: () => new PostgresBrakeLedger(shared.pool) },
];

describe.each(ledgers)('the PIN brake counting $name', ({ make }) => {
  it('holds, raises the alarm, forgets and clears step for step', async () => {
    let now = 1_000_000;
    const alarms: number[] = [];
    const brake = new PinBrake(
      () => now,
      RULES,
      (n) => alarms.push(n),
      make(),
    );
    await brake.clear();
    for (const [i, step] of STEPS.entries()) {
      now = 1_000_000 + step.at;
      if (step.act === 'fail') await brake.failed(step.address);
      else await brake.succeeded(step.address);
      const waits: Record<string, number> = {};
      for (const address of Object.keys(step.waits)) waits[address] = await brake.waitMs(address);
      expect(waits, `step ${i}`).toEqual(step.waits);
      const status = await brake.status();
      if (step.alarm !== undefined) expect(status.alarm, `step ${i}: alarm`).toBe(step.alarm);
      if (step.recent !== undefined) expect(status.recentFailures, `step ${i}: recent`).toBe(step.recent);
      const held = Object.entries(step.waits).filter(([, ms]) => ms > 0);
      expect(status.held.map((h) => h.address).sort(), `step ${i}: held`).toEqual(
        expect.arrayContaining(held.map(([address]) => address)),
      );
    }
    // Told once, when the sixth wrong PIN came.
    expect(alarms).toEqual([6]);
    await brake.clear();
    expect(await brake.status()).toEqual({ alarm: false, recentFailures: 0, held: [] });
    expect(await brake.waitMs('y')).toBe(0);
  });
});
