import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaUrl, type MediaItem } from '@ceremony/shared';
import { http, startServer, type TestServer } from './helpers.js';
import sharp from 'sharp';
import { bigPng, brokenMp4, clip, jpeg, mediaFiles, mediaPath, vtt } from './media-kit.js';

let s: TestServer;
let admin: string;
beforeAll(async () => {
  s = await startServer({ config: { mediaMaxBytes: 2 * 1024 * 1024 } });
  admin = s.token('admin');
});
afterAll(() => s.stop());

const put = (name: string, body: BodyInit, init: RequestInit = {}) =>
  http(`${s.url}${mediaPath(name)}`, { method: 'PUT', token: admin, body, ...init });
const list = async (): Promise<MediaItem[]> =>
  (await http(`${s.url}/api/admin/media`, { token: admin })).body.media;
const item = async (name: string) => (await list()).find((m) => m.name === name);

describe('media library: upload', () => {
  it('takes a photo, a video and its subtitles, each told by its bytes, and serves them at /media/{name}', async () => {
    const photo = await jpeg(320, 240);
    const cases = [
      { name: 'Ёлкина Мария.jpg', body: photo, kind: 'image', type: 'image/jpeg' },
      { name: 'интервью Ёлкиной.mp4', body: clip(), kind: 'video', type: 'video/mp4' },
      { name: 'интервью Ёлкиной.vtt', body: vtt(), kind: 'subtitles', type: 'text/vtt' },
    ];
    for (const c of cases) {
      // The content type the browser sends says nothing: the bytes decide.
      const res = await put(c.name, c.body, { headers: { 'content-type': 'application/octet-stream' } });
      expect(res.status, c.name).toBe(201);
      expect(res.body).toEqual({ ok: true, media: { name: c.name, kind: c.kind, bytes: c.body.length } });
      const served = await fetch(`${s.url}${mediaUrl(c.name)}`);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toContain(c.type);
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await served.arrayBuffer()).equals(c.body)).toBe(true);
    }
    expect(await item('Ёлкина Мария.jpg')).toMatchObject({
      kind: 'image',
      width: 320,
      height: 240,
      playable: true,
      usedBy: [],
    });
    const video = await item('интервью Ёлкиной.mp4');
    expect(video).toMatchObject({ kind: 'video', playable: true });
    expect(video!.durationS).toBeCloseTo(12, 0);
    expect(await item('интервью Ёлкиной.vtt')).toMatchObject({ kind: 'subtitles', playable: true });
  });

  it('the kind is told by the bytes, whatever the ending says (a photo named .mp4 is a photo)', async () => {
    const photo = await jpeg(30, 20);
    const res = await put('фото.mp4', photo);
    expect(res.status).toBe(201);
    expect(res.body.media).toEqual({ name: 'фото.mp4', kind: 'image', bytes: photo.length });
    expect(await item('фото.mp4')).toMatchObject({ kind: 'image', width: 30, height: 20, playable: true });
    expect((await put('субтитры.png', vtt())).body.media.kind).toBe('subtitles');
  });

  it('a name already taken is 409 and the file there stays as it was', async () => {
    const before = fs.readFileSync(path.join(s.dataDir, 'media', 'Ёлкина Мария.jpg'));
    const res = await put('Ёлкина Мария.jpg', await jpeg(10, 10));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
    expect(fs.readFileSync(path.join(s.dataDir, 'media', 'Ёлкина Мария.jpg')).equals(before)).toBe(true);
  });

  it('a video whose header is right but whose body is not is kept and listed as not playable', async () => {
    expect((await put('обрезанное.mp4', brokenMp4())).status).toBe(201);
    expect(await item('обрезанное.mp4')).toMatchObject({ kind: 'video', playable: false });
  });

  it('a file over the limit is 413 whether its length is declared or streamed, and leaves nothing', async () => {
    const before = mediaFiles(s.dataDir);
    const big = Buffer.concat([await jpeg(), Buffer.alloc(2 * 1024 * 1024)]);
    const declared = await put('большое.jpg', big);
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    // Chunked, no Content-Length: the server counts the bytes as they come and stops.
    const chunks = [big.subarray(0, 1024 * 1024), big.subarray(1024 * 1024)];
    const stream = new ReadableStream({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    const streamed = await put('большое.jpg', stream as BodyInit, { duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(mediaFiles(s.dataDir)).toEqual(before);
  });
});

describe('media library: what is refused leaves nothing', () => {
  const longName = `${'n'.repeat(196)}.jpg`;
  it.each([
    { why: 'a slash (escaped)', path: '/api/admin/media/a%2Fb.jpg' },
    { why: 'a slash (plain)', path: '/api/admin/media/a/b.jpg' },
    { why: 'a backslash', path: mediaPath('a\\b.jpg') },
    { why: '«..»', path: mediaPath('a..b.jpg') },
    { why: 'a control character', path: mediaPath('a\u0001.jpg') },
    { why: 'a leading dot', path: mediaPath('.hidden.jpg') },
    { why: 'over 200 characters', path: mediaPath(`я${longName}`) },
    { why: 'an escape that decodes to nothing', path: '/api/admin/media/%E0%A4%A.jpg' },
    { why: 'an ending the library does not take', path: mediaPath('страница.html') },
  ])('a name with $why is 400', async ({ path: p }) => {
    const before = mediaFiles(s.dataDir);
    const res = await http(`${s.url}${p}`, { method: 'PUT', token: admin, body: await jpeg() });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_PAYLOAD');
    expect(mediaFiles(s.dataDir)).toEqual(before);
  });

  it('a name of exactly 200 characters is taken, unless the disk cannot hold it (255 bytes: 127 Cyrillic letters)', async () => {
    expect([...longName].length).toBe(200);
    expect((await put(longName, await jpeg())).status).toBe(201);
    const cyrillic = `${'я'.repeat(126)}.jpg`; // 256 bytes in UTF-8
    const before = mediaFiles(s.dataDir);
    const res = await put(cyrillic, await jpeg());
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_PAYLOAD');
    expect(mediaFiles(s.dataDir)).toEqual(before);
    expect((await put(`${'я'.repeat(125)}.jpg`, await jpeg())).status).toBe(201);
  });

  it.each([
    { why: 'text named .jpg', name: 'a.jpg', body: async () => Buffer.from('просто текст') },
    { why: 'a PDF named .jpg', name: 'b.jpg', body: async () => Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj') },
    {
      why: 'SubRip named .vtt',
      name: 'f.vtt',
      body: async () => Buffer.from('1\n00:00:00,000 --> 00:00:01,000\nА\n'),
    },
    { why: 'an empty body', name: 'g.jpg', body: async () => Buffer.alloc(0) },
  ])('$why is 400', async ({ name, body }) => {
    const before = mediaFiles(s.dataDir);
    const res = await put(name, await body());
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_PAYLOAD');
    expect(mediaFiles(s.dataDir)).toEqual(before);
  });
});

describe('media library: the projector copy of a photo', () => {
  it('`?for=stage` is the photo at most 1920 on its long side; the plain address is the original', async () => {
    expect((await put('сцена.png', await bigPng())).status).toBe(201);
    const stage = await fetch(`${s.url}${mediaUrl('сцена.png')}?for=stage`);
    expect(stage.status).toBe(200);
    expect(stage.headers.get('content-type')).toContain('image/png');
    expect(await sharp(Buffer.from(await stage.arrayBuffer())).metadata()).toMatchObject({
      width: 1920,
      height: 1440,
    });
    const original = await fetch(`${s.url}${mediaUrl('сцена.png')}`);
    expect(await sharp(Buffer.from(await original.arrayBuffer())).metadata()).toMatchObject({ width: 4000 });
  });

  it('a video, or a file with no copy, answers `?for=stage` with the original', async () => {
    const video = await fetch(`${s.url}${mediaUrl('интервью Ёлкиной.mp4')}?for=stage`);
    expect(video.status).toBe(200);
    expect((await video.arrayBuffer()).byteLength).toBe(clip().length);
    expect((await fetch(`${s.url}${mediaUrl('нет такого.png')}?for=stage`)).status).toBe(404);
  });

  it('a photo put in the folder by hand gets its copy when the library is listed', async () => {
    fs.writeFileSync(path.join(s.dataDir, 'media', 'вручную.png'), await bigPng());
    expect(await item('вручную.png')).toMatchObject({ width: 4000, height: 3000, playable: true });
    const stage = await fetch(`${s.url}${mediaUrl('вручную.png')}?for=stage`);
    expect((await sharp(Buffer.from(await stage.arrayBuffer())).metadata()).width).toBe(1920);
  });

  it('removeFiles (the purge) takes the files with their copies, passing over names not there', async () => {
    await s.app.media.removeFiles(['вручную.png', 'сцена.png', 'нет такого.png']);
    for (const name of ['вручную.png', 'сцена.png']) {
      expect(await item(name)).toBeUndefined();
      expect((await fetch(`${s.url}${mediaUrl(name)}?for=stage`)).status).toBe(404);
      expect(fs.existsSync(path.join(s.dataDir, 'media', '.stage', name))).toBe(false);
    }
  });
});

describe('media library: who uses a file, and removing it', () => {
  const usePhoto = (url: string | undefined) =>
    s.app.show.editScenario(
      (sc) => ({ ...sc, nominees: sc.nominees.map((n, i) => (i === 0 ? { ...n, photoUrl: url } : n)) }),
      null,
      { type: 'test:photo' },
    );

  it('lists the nominee, cue and branding that use a file; the demo clip is used by its video cues', async () => {
    const { scenario } = s.app.show.snapshot();
    const demo = await item('demo-interview.mp4');
    const videoCues = scenario.cues.filter((c) => c.kind === 'video').map((c) => c.id);
    expect(demo?.usedBy.map((u) => u.id).sort()).toEqual(videoCues.sort());
    expect(demo?.usedBy.every((u) => u.what === 'cue')).toBe(true);

    expect((await usePhoto(mediaUrl('Ёлкина Мария.jpg'))).ok).toBe(true);
    const nominee = s.app.show.snapshot().scenario.nominees[0]!;
    expect((await item('Ёлкина Мария.jpg'))?.usedBy).toEqual([
      { what: 'nominee', id: nominee.id, label: nominee.name },
    ]);
  });

  it('a used file is not removed (409, still there); once unused it is (200, gone); then 404', async () => {
    const file = path.join(s.dataDir, 'media', 'Ёлкина Мария.jpg');
    const url = `${s.url}${mediaPath('Ёлкина Мария.jpg')}`;
    const refused = await http(url, { method: 'DELETE', token: admin });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CONFLICT');
    expect(fs.existsSync(file)).toBe(true);

    expect((await usePhoto(undefined)).ok).toBe(true);
    expect((await http(url, { method: 'DELETE', token: admin })).body).toEqual({ ok: true });
    expect(fs.existsSync(file)).toBe(false);
    expect(await item('Ёлкина Мария.jpg')).toBeUndefined();
    expect((await fetch(`${s.url}${mediaUrl('Ёлкина Мария.jpg')}`)).status).toBe(404);

    const again = await http(url, { method: 'DELETE', token: admin });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('NOT_FOUND');
  });

  it('a removed name can be uploaded again, and the listing shows the new file', async () => {
    expect((await put('Ёлкина Мария.jpg', await jpeg(100, 50))).status).toBe(201);
    expect(await item('Ёлкина Мария.jpg')).toMatchObject({ width: 100, height: 50 });
  });
});
