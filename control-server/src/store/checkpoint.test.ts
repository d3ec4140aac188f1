import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { checkpointInBackground, SAFETY_NET_PAGES, type CheckpointResult } from './checkpoint.js';
import { openDatabase, type Db } from './db.js';

const opened: { db: Db; dir: string; stop: () => void }[] = [];
const open = (everyMs: number, onCheckpoint?: (r: CheckpointResult) => void) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceremony-checkpoint-'));
  const { db } = openDatabase(dir);
  const checkpoints = checkpointInBackground(db, everyMs, onCheckpoint);
  opened.push({ db, dir, stop: checkpoints.stop });
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)');
  return { db, checkpoints };
};
afterEach(() => {
  for (const { db, dir, stop } of opened.splice(0)) {
    stop();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** One committed transaction per call, each filling about one 4 KB page of the log. */
const commitPages = (db: Db, n: number) => {
  const insert = db.prepare('INSERT INTO filler (body) VALUES (?)');
  for (let i = 0; i < n; i++) db.transaction(() => insert.run('x'.repeat(3500)))();
};

it('leaves only a far safety net to SQLite, so no commit carries the usual 1,000-page checkpoint', () => {
  const { db, checkpoints } = open(3_600_000); // the timer never fires here: only `run` checkpoints
  expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(SAFETY_NET_PAGES);
  commitPages(db, 1200);
  // SQLite's default would have reset the log inside the commit that passed 1,000 pages.
  const result = checkpoints.run()!;
  expect(result.log).toBeGreaterThan(1200);
  expect(result).toMatchObject({ busy: 0, checkpointed: result.log });
  // Everything copied: the next commit starts the log again from its beginning.
  commitPages(db, 1);
  expect(checkpoints.run()!.log).toBeLessThan(10);
});

it('checkpoints by itself between commits, every frame of them', async () => {
  const done: CheckpointResult[] = [];
  let heard: () => void = () => {};
  const copied = new Promise<void>((resolve) => (heard = resolve));
  const { db } = open(20, (r) => {
    done.push(r);
    if (r.log >= 50 && r.checkpointed === r.log) heard();
  });
  commitPages(db, 50);
  await copied;
  expect(done.at(-1)).toMatchObject({ busy: 0 });
});

it('a closed database is left alone: no throw from the timer after the evening ends', () => {
  const { db, checkpoints } = open(3_600_000);
  checkpoints.stop();
  db.close();
  expect(checkpoints.run()).toBeNull();
});
