import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { promisify } from 'node:util';
import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { STRAY_SETTLE_MS } from '../src/domain/media.shared.js';
import { forgetSharedMedia } from '../src/store/postgres/media.store.js';
import { allows } from './csp-sources.js';
import { http, startServer, tempDir, type TestServer } from './helpers.js';
import { twoHubsPerFile, type TwoHubs } from './hub-kit.js';
import { jpeg, mediaFiles, mediaPath } from './media-kit.js';

/*
 * The media library across two hubs on one real PostgreSQL, each with its own DATA_DIR: a file
 * uploaded through either plays from both (docs/SCALING.md, «media»).
 */
const run = promisify(execFile);

// One after the other: hub A puts its evening (and its demo clip) in, hub B takes it from there.
let { db, sql, a, b } = {} as TwoHubs;
const stoppedHere: TestServer[] = [];
twoHubsPerFile(
  (hubs) => ({ db, sql, a, b } = hubs),
  () => stoppedHere,
);

const upload = async (s: TestServer, name: string, body: BodyInit, length?: number) =>
  http(`${s.url}${mediaPath(name)}`, {
    method: 'PUT',
    token: await s.tokenOf('admin'),
    body,
    ...(length === undefined ? {} : { headers: { 'content-length': String(length) }, duplex: 'half' }),
  } as RequestInit & { token: string });
/**
 * PUT of a file streamed by another Node process, as a browser would send it: what this process then
 * holds is the hubs' doing alone. Answers the server's JSON.
 */
const putFromAnotherProcess = async (url: string, token: string, file: string) => {
  const send = `
    const http = require('node:http');
    const fs = require('node:fs');
    const [url, token, file] = process.argv.slice(1);
    const headers = { authorization: 'Bearer ' + token, 'content-length': fs.statSync(file).size };
    const req = http.request(url, { method: 'PUT', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => process.stdout.write(body));
    });
    fs.createReadStream(file).pipe(req);`;
  const { stdout } = await run(process.execPath, ['-e', send, url, token, file]);
  return JSON.parse(stdout);
};
const onDisk = (s: TestServer, name: string) => path.join(s.dataDir, 'media', name);
const rows = async (name: string) =>
  Number(
    (await sql.query<{ n: string }>('SELECT count(*) AS n FROM media_files WHERE name = $1', [name])).rows[0]!
      .n,
  );

describe('media across two hubs on one PostgreSQL', () => {
  it('a photo uploaded on A is served by B byte for byte, ranges included, and listed on both', async () => {
    const photo = await jpeg(640, 480);
    const put = await upload(a, 'Лауреат.jpg', photo);
    expect(put.status).toBe(201);
    expect(await rows('Лауреат.jpg')).toBe(1);

    const whole = await fetch(`${b.url}/media/${encodeURIComponent('Лауреат.jpg')}`);
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(photo)).toBe(true);
    const part = await fetch(`${b.url}/media/${encodeURIComponent('Лауреат.jpg')}`, {
      headers: { range: 'bytes=10-99' },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-99/${photo.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(photo.subarray(10, 100))).toBe(true);
    // The projector's scaled copy is made on B too.
    const stage = await fetch(`${b.url}/media/${encodeURIComponent('Лауреат.jpg')}?for=stage`);
    expect(stage.status).toBe(200);

    for (const s of [a, b]) {
      const list = await http(`${s.url}/api/admin/media`, { token: await s.tokenOf('admin') });
      expect(list.body.media.find((m: { name: string }) => m.name === 'Лауреат.jpg')).toMatchObject({
        kind: 'image',
        bytes: photo.length,
        width: 640,
        height: 480,
        playable: true,
      });
    }
  });

  it("lets a page of A that moved to B load B's pictures, clips and captions", async () => {
    await vi.waitFor(
      async () => {
        const csp = (await fetch(`${b.url}/`)).headers.get('content-security-policy') ?? '';
        for (const kind of ['img-src', 'media-src', 'connect-src'])
          expect(allows(csp, kind, a.url)).toBe(true);
      },
      { timeout: 10_000 },
    );
    // Captions are read with fetch(): B answers A's page with CORS, and no other origin.
    const name = `/media/${encodeURIComponent('Лауреат.jpg')}`;
    const fromA = await fetch(`${b.url}${name}`, { headers: { origin: a.url } });
    expect(fromA.status).toBe(200);
    expect(fromA.headers.get('access-control-allow-origin')).toBe(a.url);
    const elsewhere = await fetch(`${b.url}${name}`, { headers: { origin: 'http://evil.example' } });
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('B takes a file A uploaded ahead of time, before anyone asks for it', async () => {
    const photo = await jpeg(320, 200);
    expect((await upload(a, 'заранее.jpg', photo)).status).toBe(201);
    await vi.waitFor(() => expect(fs.existsSync(onDisk(b, 'заранее.jpg'))).toBe(true), { timeout: 10_000 });
    expect(fs.readFileSync(onDisk(b, 'заранее.jpg')).equals(photo)).toBe(true);
  });

  it('B copies a file it lacks, or holds in another version, back in when asked, for requests arriving together', async () => {
    const photo = await jpeg(500, 300);
    expect((await upload(a, 'копия.jpg', photo)).status).toBe(201);
    await vi.waitFor(() => expect(fs.existsSync(onDisk(b, 'копия.jpg'))).toBe(true), { timeout: 10_000 });
    const url = `${b.url}/media/${encodeURIComponent('копия.jpg')}`;
    const fetchAll = () =>
      Promise.all(Array.from({ length: 6 }, async () => Buffer.from(await (await fetch(url)).arrayBuffer())));
    // Lost from B's folder: six projectors asking at once all get the file.
    fs.rmSync(onDisk(b, 'копия.jpg'));
    for (const got of await fetchAll()) expect(got.equals(photo)).toBe(true);
    // Another version on B's disk (same size, other bytes): the record's comes back.
    fs.writeFileSync(onDisk(b, 'копия.jpg'), Buffer.alloc(photo.length, 1));
    for (const got of await fetchAll()) expect(got.equals(photo)).toBe(true);
    expect(fs.readFileSync(onDisk(b, 'копия.jpg')).equals(photo)).toBe(true);
    expect(mediaFiles(b.dataDir).filter((f) => f.startsWith('.upload-'))).toEqual([]);
  });

  it('a name taken on one hub is refused on the other', async () => {
    expect((await upload(b, 'занято.jpg', await jpeg())).status).toBe(201);
    const again = await upload(a, 'занято.jpg', await jpeg(10, 10));
    expect(again.status).toBe(409);
    expect(again.body.error.reason).toBe('error.mediaExists');
  });

  it('a delete on A takes the file from B as well', async () => {
    expect((await upload(a, 'уйдёт.jpg', await jpeg())).status).toBe(201);
    expect((await fetch(`${b.url}/media/${encodeURIComponent('уйдёт.jpg')}`)).status).toBe(200);
    const del = await http(`${a.url}${mediaPath('уйдёт.jpg')}`, {
      method: 'DELETE',
      token: await a.tokenOf('admin'),
    });
    expect(del.body).toEqual({ ok: true });
    expect(await rows('уйдёт.jpg')).toBe(0);
    // B drops its copy on A's NOTIFY.
    await vi.waitFor(() => expect(fs.existsSync(onDisk(b, 'уйдёт.jpg'))).toBe(false), { timeout: 10_000 });
    expect((await fetch(`${b.url}/media/${encodeURIComponent('уйдёт.jpg')}`)).status).toBe(404);
    const list = await http(`${b.url}/api/admin/media`, { token: await b.tokenOf('admin') });
    expect(list.body.media.map((m: { name: string }) => m.name)).not.toContain('уйдёт.jpg');
    // And B's own delete of it answers as for any missing file.
    const twice = await http(`${b.url}${mediaPath('уйдёт.jpg')}`, {
      method: 'DELETE',
      token: await b.tokenOf('admin'),
    });
    expect(twice.status).toBe(404);
  });

  it("the purge after the evening takes people's photos from the record and from every hub", async () => {
    expect((await upload(b, 'портрет.jpg', await jpeg())).status).toBe(201);
    await vi.waitFor(() => expect(fs.existsSync(onDisk(a, 'портрет.jpg'))).toBe(true), { timeout: 10_000 });
    // As `purge-personal-data --yes` does on a stopped hub's folder with DATABASE_URL set.
    expect(await forgetSharedMedia(db.url, ['портрет.jpg', 'нет такого.jpg'])).toBe(1);
    expect(await rows('портрет.jpg')).toBe(0);
    for (const s of [a, b])
      await vi.waitFor(() => expect(fs.existsSync(onDisk(s, 'портрет.jpg'))).toBe(false), {
        timeout: 10_000,
      });
  });

  it('a package exported on A carries what was uploaded on B', async () => {
    const photo = await jpeg(111, 77);
    expect((await upload(b, 'в-пакет.jpg', photo)).status).toBe(201);
    const res = await fetch(`${a.url}/api/admin/package`, {
      headers: { authorization: `Bearer ${await a.tokenOf('admin')}` },
    });
    expect(res.status).toBe(200);
    const tar = Buffer.from(await res.arrayBuffer());
    expect(tar.includes(Buffer.from('"name": "в-пакет.jpg"'))).toBe(true);
    expect(tar.includes(photo)).toBe(true);
  });

  it('a 50 MB video goes up through A and comes out of B without either holding it in memory', async () => {
    const MB = 1024 * 1024;
    // An MP4 header, then 50 MB of a pattern: streamed from a generator, never a 50 MB buffer here.
    const head = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom\0\0\0\0isommp41')]);
    const block = Buffer.alloc(MB, 0x5a);
    const size = head.length + 50 * MB;
    const sent = createHash('sha256');
    // Written to a file a chunk at a time, then sent from another process.
    const file = path.join(tempDir(), 'интервью.mp4');
    const out = fs.openSync(file, 'w');
    fs.writeSync(out, head);
    sent.update(head);
    for (let i = 0; i < 50; i++) {
      block.writeUInt32BE(i, 0); // no two chunks alike: a mix-up of chunks shows in the hash
      fs.writeSync(out, block);
      sent.update(block);
    }
    fs.closeSync(out);
    // What the hubs keep, not what the collector has yet to free: collected before each sample
    // (each 1 MB chunk leaves a few MB of driver buffers behind it until then).
    v8.setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    // Twice: V8 may free dead Buffers' memory on a background thread after a collection, so right
    // after one it may still count them (a CI run under load read +55 MB where the same code read
    // +3 MB); a collection first completes the sweep of the one before (ArrayBufferSweeper).
    const sample = () => {
      collect();
      collect();
      return process.memoryUsage();
    };
    const before = sample();
    const peak = { rss: before.rss, arrayBuffers: before.arrayBuffers };
    const sampler = setInterval(() => {
      const now = sample();
      peak.rss = Math.max(peak.rss, now.rss);
      peak.arrayBuffers = Math.max(peak.arrayBuffers, now.arrayBuffers);
    }, 250);
    try {
      const put = await putFromAnotherProcess(
        `${a.url}${mediaPath('интервью.mp4')}`,
        await a.tokenOf('admin'),
        file,
      );
      expect(put).toMatchObject({ ok: true, media: { name: 'интервью.mp4', kind: 'video', bytes: size } });
      const got = await fetch(`${b.url}/media/${encodeURIComponent('интервью.mp4')}`);
      expect(got.status).toBe(200);
      const received = createHash('sha256');
      let bytes = 0;
      for await (const chunk of got.body as unknown as AsyncIterable<Uint8Array>) {
        received.update(chunk);
        bytes += chunk.length;
      }
      expect(bytes).toBe(size);
      expect(received.digest('hex')).toBe(sent.digest('hex'));
    } finally {
      clearInterval(sampler);
    }
    // Both hubs and this test run in one process: a file held whole anywhere would be 50 MB of
    // Buffers on top of the few chunks in flight (measured: 2–32 MB), so the bound is the file's
    // size; the rss also keeps what the allocator has not handed back yet, hence its wide bound.
    const grown = {
      rss: (peak.rss - before.rss) / MB,
      buffers: (peak.arrayBuffers - before.arrayBuffers) / MB,
    };
    console.log(
      `[hubs-media] 50 MB through two hubs: Buffers +${grown.buffers.toFixed(1)} MB, rss +${grown.rss.toFixed(1)} MB at most`,
    );
    expect(grown.buffers).toBeLessThan(50);
    expect(grown.rss).toBeLessThan(150);
  }, 120_000);

  it('while PostgreSQL is away an upload is refused clearly and leaves no file on any hub', async () => {
    const photo = await jpeg();
    db.stop();
    try {
      const refused = await upload(a, 'в-пустоту.jpg', photo);
      expect(refused.status).toBe(500);
      expect(refused.body.error.reason).toBe('error.store.unavailable');
      for (const s of [a, b]) {
        const files = mediaFiles(s.dataDir);
        expect(files).not.toContain('в-пустоту.jpg');
        expect(files.filter((f) => f.startsWith('.upload-'))).toEqual([]);
      }
      // A file B already holds is still served while the database is away: the show goes on.
      expect((await fetch(`${b.url}/media/${encodeURIComponent('Лауреат.jpg')}`)).status).toBe(200);
    } finally {
      db.start();
    }
    expect(await rows('в-пустоту.jpg')).toBe(0);
    expect((await fetch(`${b.url}/media/${encodeURIComponent('в-пустоту.jpg')}`)).status).toBe(404);
    // Back: the same upload goes through.
    expect((await upload(a, 'в-пустоту.jpg', photo)).status).toBe(201);
  }, 60_000);

  it("a file put into a hub's folder by hand joins the library once it rests, instead of being deleted", async () => {
    const photo = await jpeg(90, 60);
    fs.writeFileSync(onDisk(b, 'с флешки.jpg'), photo);
    // Any change to the library makes B look at its folder again: here an upload through A. A file
    // written a moment ago may still be copying in: it stays on B's disk, out of the record.
    expect((await upload(a, 'повод.jpg', await jpeg(20, 20))).status).toBe(201);
    await vi.waitFor(() => expect(fs.existsSync(onDisk(b, 'повод.jpg'))).toBe(true), { timeout: 10_000 });
    expect(await rows('с флешки.jpg')).toBe(0);
    expect(fs.existsSync(onDisk(b, 'с флешки.jpg'))).toBe(true);
    // Copied in a while ago (its last write older than STRAY_SETTLE_MS): the next look takes it.
    const before = new Date(Date.now() - 2 * STRAY_SETTLE_MS);
    fs.utimesSync(onDisk(b, 'с флешки.jpg'), before, before);
    expect((await upload(a, 'повод 2.jpg', await jpeg(21, 20))).status).toBe(201);
    await vi.waitFor(async () => expect(await rows('с флешки.jpg')).toBe(1), { timeout: 10_000 });
    expect(fs.readFileSync(onDisk(b, 'с флешки.jpg'))).toEqual(photo);
    const fromA = await fetch(`${a.url}/media/${encodeURIComponent('с флешки.jpg')}`);
    expect(Buffer.from(await fromA.arrayBuffer())).toEqual(photo);
  });

  // Last: it stops hub B and starts it again on its folder.
  it('a hub started again drops what was deleted while it was stopped, and shares what was put in by hand', async () => {
    expect((await upload(a, 'уйдёт без B.jpg', await jpeg(33, 33))).status).toBe(201);
    await vi.waitFor(() => expect(fs.existsSync(onDisk(b, 'уйдёт без B.jpg'))).toBe(true), {
      timeout: 10_000,
    });
    const demoClip = 'demo-interview.mp4';
    expect(fs.existsSync(onDisk(b, demoClip))).toBe(true);
    await b.stop();
    stoppedHere.push(b);
    const del = await http(`${a.url}${mediaPath('уйдёт без B.jpg')}`, {
      method: 'DELETE',
      token: await a.tokenOf('admin'),
    });
    expect(del.body).toEqual({ ok: true });
    // A record that never had the demo's clip (an evening prepared without it): B's copy, which every
    // new folder is given, must not come back into the library.
    await sql.query('DELETE FROM media_files WHERE name = $1', [demoClip]);
    const byHand = await jpeg(44, 22);
    fs.writeFileSync(onDisk(b, 'принесли.jpg'), byHand);
    const copiedEarlier = new Date(Date.now() - 2 * STRAY_SETTLE_MS);
    fs.utimesSync(onDisk(b, 'принесли.jpg'), copiedEarlier, copiedEarlier);
    const again = await startServer({ dataDir: b.dataDir, config: { databaseUrl: db.url } });
    stoppedHere.push(again);
    try {
      await vi.waitFor(async () => expect(await rows('принесли.jpg')).toBe(1), { timeout: 10_000 });
      await vi.waitFor(() => expect(fs.existsSync(onDisk(again, 'уйдёт без B.jpg'))).toBe(false), {
        timeout: 10_000,
      });
      expect(await rows('уйдёт без B.jpg')).toBe(0);
      expect(fs.existsSync(onDisk(again, demoClip))).toBe(false);
      expect(await rows(demoClip)).toBe(0);
      expect(fs.readFileSync(onDisk(again, 'принесли.jpg'))).toEqual(byHand);
      // Only the content is remembered of a deleted file, never its name (it may be a person's).
      const removed = await sql.query('SELECT * FROM media_removed');
      expect(JSON.stringify(removed.rows)).not.toContain('уйдёт');
      expect(removed.rows.length).toBeGreaterThan(0);
    } finally {
      await again.stop();
    }
  }, 60_000);
});
