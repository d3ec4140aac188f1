import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './helpers.js';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.stop());

const clip = () => path.join(s.dataDir, 'media', 'demo-interview.mp4');

describe('media from DATA_DIR/media', () => {
  it('the demo seeding puts the video interview clip there, and every demo video cue points at it', () => {
    const size = fs.statSync(clip()).size;
    expect(size).toBeGreaterThan(10_000);
    expect(size).toBeLessThanOrEqual(1024 * 1024);
    const videos = s.app.show.snapshot().scenario.cues.filter((c) => c.kind === 'video');
    expect(videos.length).toBeGreaterThan(0);
    for (const v of videos) expect(v.kind === 'video' && v.mediaUrl).toBe('/media/demo-interview.mp4');
  });

  it('answers a Range request with 206 and exactly the bytes asked for', async () => {
    const whole = fs.readFileSync(clip());
    const res = await fetch(`${s.url}/media/demo-interview.mp4`, { headers: { range: 'bytes=100-1099' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 100-1099/${whole.length}`);
    expect(res.headers.get('content-length')).toBe('1000');
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await res.arrayBuffer()).equals(whole.subarray(100, 1100))).toBe(true);
  });

  it('answers an open-ended range to the end of the file, and a whole GET with Accept-Ranges', async () => {
    const size = fs.statSync(clip()).size;
    const tail = await fetch(`${s.url}/media/demo-interview.mp4`, {
      headers: { range: `bytes=${size - 10}-` },
    });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
    expect((await tail.arrayBuffer()).byteLength).toBe(10);
    const full = await fetch(`${s.url}/media/demo-interview.mp4`);
    expect(full.status).toBe(200);
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    expect((await full.arrayBuffer()).byteLength).toBe(size);
  });

  it('refuses an unsatisfiable range with 416', async () => {
    const size = fs.statSync(clip()).size;
    const res = await fetch(`${s.url}/media/demo-interview.mp4`, {
      headers: { range: `bytes=${size + 5}-` },
    });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${size}`);
  });

  it('a missing file, or a path out of the folder, is a plain 404 in the error shape', async () => {
    for (const p of [
      '/media/nope.mp4',
      '/media/..%2Fceremony.sqlite',
      '/media/sub%2F..%2F..%2Fceremony.sqlite',
    ]) {
      const res = await fetch(`${s.url}${p}`);
      expect(res.status, p).toBe(404);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });

  it('never overwrites a clip the organisers placed there themselves', async () => {
    const dataDir = s.dataDir;
    await s.stop();
    fs.writeFileSync(clip(), 'organisers clip');
    fs.rmSync(path.join(dataDir, 'ceremony.sqlite'));
    for (const f of fs.readdirSync(dataDir))
      if (f.startsWith('ceremony.sqlite')) fs.rmSync(path.join(dataDir, f));
    s = await startServer({ dataDir });
    expect(fs.readFileSync(clip(), 'utf8')).toBe('organisers clip');
  });
});
