import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { Config } from '../src/config.js';
import { seedDemoIfEmpty } from '../src/demo/seed.js';
import { openDatabase } from '../src/store/db.js';
import { ShowRepository } from '../src/store/show.repository.js';
import { PINS, tempDir } from './helpers.js';

/** The demo is the start-up's to seed, once; the app factory never invents a ceremony. */
const dirs: string[] = [];
const fresh = () => {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
const config = (dataDir: string): Config => ({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  pins: { ...PINS },
  appsDir: dataDir,
  httpsPort: null,
});

it('createApp on a data folder without a ceremony refuses, and leaves it without one', () => {
  const dir = fresh();
  expect(() => createApp({ config: config(dir) })).toThrow(/holds no ceremony/);
  const { db } = openDatabase(dir);
  expect(new ShowRepository(db).loadScenario()).toBeNull();
  db.close();
});

it('seeds the demo with its clip into an empty folder once, and never over a ceremony already there', async () => {
  const dir = fresh();
  expect(seedDemoIfEmpty(dir)).toBe(true);
  expect(fs.existsSync(path.join(dir, 'media', 'demo-interview.mp4'))).toBe(true);
  const app = createApp({ config: config(dir) });
  try {
    const scenario = app.show.snapshot().scenario;
    expect(scenario.cues.length).toBeGreaterThan(0);
    expect(seedDemoIfEmpty(dir)).toBe(false);
  } finally {
    await app.close();
  }
});
