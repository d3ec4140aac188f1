import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_DIR } from '../config.js';
import { randomBadgeCode } from '../domain/guests.service.js';
import { openDatabase, ownerOnly } from '../store/db.js';
import { GuestsRepository } from '../store/guests.repository.js';
import { ShowRepository } from '../store/show.repository.js';
import { copyIntoMedia } from '../transport/media.js';
import { buildDemo } from './demo.js';

/** The demo's stand-in video interview, shipped with the package. */
export const DEMO_CLIP = path.join(PACKAGE_DIR, 'assets', 'demo-interview.mp4');

/**
 * Loads the demo ceremony «Светлые люди» into a data folder whose database holds no ceremony yet,
 * with its video clip in DATA_DIR/media; answers whether it did. The start-up (and the CLI, and the
 * tests) call it before createApp, so the app factory never invents content of its own.
 */
export function seedDemoIfEmpty(dataDir: string, now = Date.now()): boolean {
  const { db } = openDatabase(dataDir);
  try {
    const show = new ShowRepository(db);
    if (show.loadScenario()) return false;
    const demo = buildDemo({ startsAt: now + 45 * 60_000, newBadgeCode: randomBadgeCode });
    show.saveScenario(demo.scenario, now);
    new GuestsRepository(db).upsertMany(demo.guests, now);
    const mediaDir = path.join(dataDir, 'media');
    fs.mkdirSync(mediaDir, { recursive: true, mode: 0o700 });
    copyIntoMedia(mediaDir, DEMO_CLIP);
    ownerOnly(dataDir);
    return true;
  } finally {
    db.close();
  }
}
