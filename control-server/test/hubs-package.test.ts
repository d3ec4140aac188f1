import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ask, http, startServer, tempDir, type TestServer } from './helpers.js';
import { runCliWith } from './process.js';
import { stagePackage, twoHubsPerFile, type TwoHubs } from './hub-kit.js';
import { jpeg, mediaPath } from './media-kit.js';

/*
 * What a ceremony package and a new ceremony do to the media library shared by two hubs on one real
 * PostgreSQL (each hub its own DATA_DIR): a refused apply leaves every hub's files as they were,
 * and what a new ceremony takes away goes from every hub, not only from the one that started it.
 */

let { db, sql, a, b } = {} as TwoHubs;
twoHubsPerFile((hubs) => ({ db, sql, a, b } = hubs));

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const upload = async (s: TestServer, name: string, body: Buffer) =>
  http(`${s.url}${mediaPath(name)}`, {
    method: 'PUT',
    token: await s.tokenOf('admin'),
    body: new Uint8Array(body),
  });
const recorded = async (name: string) =>
  (await sql.query<{ sha256: string }>('SELECT sha256 FROM media_files WHERE name = $1', [name])).rows[0]
    ?.sha256 ?? null;
const onDisk = (s: TestServer, name: string) => path.join(s.dataDir, 'media', name);
const served = async (s: TestServer, name: string) =>
  Buffer.from(await (await fetch(`${s.url}/media/${encodeURIComponent(name)}`)).arrayBuffer());

/** The office's evening as a package: its own version of the hero's photo and one new photo. */
async function officePackage(hero: Buffer, added: Buffer): Promise<Uint8Array<ArrayBuffer>> {
  const office = await startServer();
  try {
    expect((await upload(office, 'герой.jpg', hero)).status).toBe(201);
    expect((await upload(office, 'новое фото.jpg', added)).status).toBe(201);
    const res = await fetch(`${office.url}/api/admin/package`, {
      headers: { authorization: `Bearer ${office.token('admin')}` },
    });
    expect(res.status).toBe(200);
    return new Uint8Array(await res.arrayBuffer());
  } finally {
    await office.stop();
  }
}

describe('a ceremony package and the shared media library', () => {
  it('refused after its media went in: the record takes them back, and every hub serves the old files', async () => {
    const ours = await jpeg(321, 201);
    expect((await upload(a, 'герой.jpg', ours)).status).toBe(201);
    const body = await officePackage(await jpeg(201, 321), await jpeg(61, 91));
    const packageId = await stagePackage(b, body);
    // What the apply reads after the media went into the record, spoilt on B's disk: it fails there.
    fs.writeFileSync(path.join(b.dataDir, `.package-${packageId}`, 'scenario.json'), '{"не json');

    const applied = await http(`${b.url}/api/admin/package/${packageId}/apply`, {
      method: 'POST',
      token: await b.tokenOf('admin'),
    });
    expect(applied.status).toBe(500);
    expect(await recorded('герой.jpg')).toBe(sha(ours));
    expect(await recorded('новое фото.jpg')).toBeNull();
    // Whatever either hub copied ahead of time meanwhile, both serve the hall's version again.
    for (const s of [a, b]) {
      await vi.waitFor(async () => expect((await served(s, 'герой.jpg')).equals(ours)).toBe(true), {
        timeout: 10_000,
      });
      await vi.waitFor(() => expect(fs.existsSync(onDisk(s, 'новое фото.jpg'))).toBe(false), {
        timeout: 10_000,
      });
    }
  });

  it('applied while the show runs: refused, and no hub has a file of it', async () => {
    // The hall's own version of the hero's photo (put in by the case above).
    const ours = await served(a, 'герой.jpg');
    expect(await recorded('герой.jpg')).toBe(sha(ours));
    const body = await officePackage(await jpeg(200, 320), await jpeg(90, 60));
    const packageId = await stagePackage(b, body);

    // The show starts on A; B hears of it before the organiser presses «apply».
    const host = await a.socket('host');
    const go = await ask<{ ok: boolean }>(host, 'show:go', {
      expectedRevision: a.app.show.current().revision,
    });
    expect(go.ok).toBe(true);
    await vi.waitFor(() => expect(b.app.show.current().status).toBe('running'), { timeout: 10_000 });

    const applied = await http(`${b.url}/api/admin/package/${packageId}/apply`, {
      method: 'POST',
      token: await b.tokenOf('admin'),
    });
    expect(applied.status).toBe(409);
    expect(applied.body.error.reason).toBe('error.packageWhileRunning');
    // The record, both hubs' folders and what both serve: the hall's version, untouched.
    expect(await recorded('герой.jpg')).toBe(sha(ours));
    expect(await recorded('новое фото.jpg')).toBeNull();
    for (const s of [a, b]) {
      expect((await served(s, 'герой.jpg')).equals(ours)).toBe(true);
      expect(fs.existsSync(onDisk(s, 'новое фото.jpg'))).toBe(false);
    }
  });
});

describe('a new ceremony on one hub', () => {
  it("takes the demo's clip out of the shared record and off every hub's disk", async () => {
    const clip = 'demo-interview.mp4';
    expect(await recorded(clip)).not.toBeNull();
    for (const s of [a, b]) expect(fs.existsSync(onDisk(s, clip))).toBe(true);
    // The show may still be running from an earlier case: the rehearsal ends first.
    const token = await b.tokenOf('admin');
    const ended = await http(`${b.url}/api/admin/rehearsal/end`, {
      method: 'POST',
      token,
      json: { arrivals: 'keep' },
    });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    const started = await http(`${b.url}/api/admin/ceremony/new`, {
      method: 'POST',
      token,
      json: { title: 'Светлые люди — 2027' },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body.removes.media).toBe(1);

    expect(await recorded(clip)).toBeNull();
    for (const s of [a, b])
      await vi.waitFor(() => expect(fs.existsSync(onDisk(s, clip))).toBe(false), { timeout: 10_000 });
    // Not copied back by the next look at the record either.
    await b.app.media.shared!.follow();
    await a.app.media.shared!.follow();
    for (const s of [a, b]) expect(fs.existsSync(onDisk(s, clip))).toBe(false);
  });
});

describe('import-package on the command line', () => {
  it("on a stopped hub's folder puts the package's media into the shared record, and the running hubs serve them", async () => {
    // A new ceremony (the case above) left the show before its first GO: a package may go in.
    const photo = await jpeg(77, 55);
    const body = await officePackage(await jpeg(55, 77), photo);
    const file = path.join(tempDir(), 'вечер.ceremony');
    fs.writeFileSync(file, body);
    // The hall's «герой.jpg» (from the first case) is one the package replaces.
    expect(await recorded('герой.jpg')).not.toBeNull();
    const folder = tempDir();
    const run = await runCliWith(folder, { DATABASE_URL: db.url }, 'import-package', file);
    expect(run.out).toContain('Церемония загружена');
    expect(run.code, run.out).toBe(0);

    expect(await recorded('новое фото.jpg')).toBe(sha(photo));
    for (const s of [a, b]) expect((await served(s, 'новое фото.jpg')).equals(photo)).toBe(true);
    // The version it replaced was kept aside until the apply held, then let go.
    expect(fs.readdirSync(path.join(folder, 'media')).filter((n) => n.startsWith('.upload-'))).toEqual([]);
  }, 60_000);
});
