import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Cue } from '@ceremony/shared';
import { ask, http, startServer, tempDir, type TestServer } from '../helpers.js';
import { jpeg, mediaPath } from '../media-kit.js';
import { startPostgres, type PostgresCluster } from '../pg-cluster.js';
import { killHard, spawnServer, type ServerProcess } from '../process.js';
import { hasChromium, launch, screenshot } from './browser.js';
import { openDisplay, settledOn } from './display-kit.js';
import { pageErrorsBesidesNetwork } from './forwarder.js';

const PHOTO = 'лицо-после-переезда.jpg';

describe.runIf(hasChromium)('a projector that moved to hub B paints pictures it never showed from B', () => {
  let browser: Browser;
  let db: PostgresCluster;
  let sql: pg.Pool;
  let dataDir: string;
  let bFolder: string | null = null;
  let a: ServerProcess;
  let b: TestServer | null = null;
  let cues: Cue[];
  let card: Cue;
  beforeAll(async () => {
    browser = await launch();
    db = await startPostgres();
    sql = new pg.Pool({ connectionString: db.url, max: 1 });
    dataDir = tempDir();
    // The evening is prepared on one laptop alone: a photo in the library and on a nominee's card.
    const alone = await startServer({ dataDir });
    const put = await http(`${alone.url}${mediaPath(PHOTO)}`, {
      method: 'PUT',
      token: alone.token('admin'),
      body: await jpeg(800, 1000),
    });
    expect(put.status).toBe(201);
    const scenario = alone.app.show.snapshot().scenario;
    cues = scenario.cues;
    card = cues.find((c) => c.kind === 'nominee')!;
    const nomineeId = card.kind === 'nominee' ? card.nomineeId : '';
    const nominees = scenario.nominees.map((n) =>
      n.id === nomineeId ? { ...n, consent: true, photoUrl: `/media/${encodeURIComponent(PHOTO)}` } : n,
    );
    expect((await alone.app.show.importScenario({ ...scenario, nominees }, true)).ok).toBe(true);
    await alone.stop();
    // Then hub A joins a new database with it: the library goes into PostgreSQL.
    a = await spawnServer(dataDir, { DATABASE_URL: db.url, HTTPS_PORT: 'off' });
    await vi.waitFor(
      async () =>
        expect((await sql.query('SELECT name FROM media_files WHERE name = $1', [PHOTO])).rowCount).toBe(1),
      { timeout: 10_000 },
    );
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await killHard(a);
    await b?.stop();
    await sql?.end();
    await db?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (bFolder) fs.rmSync(bFolder, { recursive: true, force: true });
  });

  it('shows the photo of a cue first reached after the move, loaded from hub B', async () => {
    // Hub B in its own folder, started before the screens open: it takes the evening from
    // PostgreSQL and holds none of A's media files (two hubs never share one SQLite file).
    const bDir = tempDir();
    bFolder = bDir;
    b = await startServer({ dataDir: bDir, config: { databaseUrl: db.url } });
    const hubB = b;
    const hubsOfA = async () => ((await http(`${a.url}/api/info`)).body as { hubs: string[] }).hubs;
    await expect.poll(hubsOfA, { timeout: 10_000 }).toEqual([a.url, hubB.url]);

    const { page, errors, context } = await openDisplay(browser, a.url, '?debug=1');
    const before = cues[cues.indexOf(card) - 1]!;
    const host = await hubB.socket('host');
    hubB.advance(60_000);
    const goto = await ask(host, 'show:goto', {
      cueId: before.id,
      expectedRevision: hubB.app.show.current().revision,
    });
    expect(goto.ok).toBe(true);
    await settledOn(page, before.id);
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('ceremony.hubs')), { timeout: 10_000 })
      .toBe(JSON.stringify([a.url, hubB.url]));

    await killHard(a);
    // Not on B's disk either: B must take it from PostgreSQL when the projector asks.
    fs.rmSync(path.join(bDir, 'media', PHOTO), { force: true });
    fs.rmSync(path.join(bDir, 'media', '.stage', PHOTO), { force: true });
    const status = () => page.getByTestId('debug-dot').getAttribute('data-status');
    await expect.poll(status).not.toBe('online');
    await expect.poll(status, { timeout: 5000 }).toBe('online');

    hubB.advance(60_000);
    const go = await ask(host, 'show:go', { expectedRevision: hubB.app.show.current().revision });
    expect(go.ok).toBe(true);
    await settledOn(page, card.id);
    const portrait = page.locator('.stage-layer img.portrait');
    await expect
      .poll(() => portrait.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    expect(await portrait.evaluate((img: HTMLImageElement) => img.currentSrc)).toBe(
      `${hubB.url}/media/${encodeURIComponent(PHOTO)}?for=stage`,
    );
    expect(fs.existsSync(path.join(bDir, 'media', PHOTO))).toBe(true);
    await screenshot(page, 'display-moved-photo');
    expect(pageErrorsBesidesNetwork(errors)).toEqual([]);
    await context.close();
  }, 90_000);
});
