import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import tar from 'tar-stream';
import type { PackageReport, Snapshot } from '@ceremony/shared';
import { GuestsRepository } from '../src/store/guests.repository.js';
import { ask, http, startServer, type TestServer } from './helpers.js';

/** A tar made by hand, for packages the exporter would never write. */
function makeTar(
  entries: { name: string; body?: Buffer | string; type?: 'file' | 'symlink'; linkname?: string }[],
) {
  const pack = tar.pack();
  for (const e of entries)
    pack.entry(
      { name: e.name, type: e.type ?? 'file', ...(e.linkname ? { linkname: e.linkname } : {}) },
      e.type === 'symlink' ? undefined : (e.body ?? ''),
    );
  pack.finalize();
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    pack.on('data', (c: Buffer) => chunks.push(c));
    pack.on('end', () => resolve(Buffer.concat(chunks)));
    pack.on('error', reject);
  });
}

const manifest = (over: object = {}) =>
  JSON.stringify({
    format: 'ceremony-control-package',
    version: 1,
    createdAt: 1,
    appVersion: 'test',
    title: 'x',
    counts: { nominations: 0, nominees: 0, cues: 0, guests: 0, media: 0, bytes: 0 },
    media: [],
    ...over,
  });

/** A PNG's signature and a few random bytes: what matters is that the bytes come through unchanged. */
const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), crypto.randomBytes(3000)]);

describe('the ceremony package: office to hall', () => {
  let office: TestServer;
  let hall: TestServer;
  let exported: Buffer;

  beforeAll(async () => {
    office = await startServer();
    hall = await startServer();
    fs.writeFileSync(path.join(office.dataDir, 'media', 'Логотип фестиваля.png'), png);
    // The library's own internals travel nowhere.
    fs.writeFileSync(path.join(office.dataDir, 'media', '.upload-123'), 'half');
    // The office renames the ceremony, so the hall's differs before the import.
    const scenario = office.app.show.snapshot().scenario;
    await office.app.show.replaceScenario({
      ...scenario,
      ceremony: { ...scenario.ceremony, title: 'Светлые люди — офис' },
    });
  });
  afterAll(async () => {
    await office?.stop();
    await hall?.stop();
  });

  const stage = (body: Buffer, token = hall.token('admin')) =>
    http(`${hall.url}/api/admin/package`, {
      method: 'POST',
      token,
      body: new Uint8Array(body),
      headers: { 'content-type': 'application/octet-stream' },
    });

  /** Everything an import could change in the hall, to compare before and after a refusal. */
  const hallState = () => ({
    scenario: hall.app.show.snapshot().scenario,
    guests: listGuests(hall),
    media: fs.readdirSync(path.join(hall.dataDir, 'media')).sort(),
    staged: fs.readdirSync(hall.dataDir).filter((n) => n.startsWith('.package-')),
  });

  it('exports one dated file with the manifest first and no dot-files', async () => {
    const size = await http(`${office.url}/api/admin/package/size`, { token: office.token('admin') });
    expect(size.body.ok).toBe(true);
    expect(size.body.counts.media).toBe(2);
    expect(size.body.missingMedia).toEqual([]);
    const res = await fetch(`${office.url}/api/admin/package`, {
      headers: { authorization: `Bearer ${office.token('admin')}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/ceremony-\d{4}-\d{2}-\d{2}\.ceremony/);
    exported = Buffer.from(await res.arrayBuffer());
    expect(Math.abs(exported.length - size.body.bytes)).toBeLessThan(size.body.bytes * 0.05);
    const names: string[] = [];
    const extract = tar.extract();
    extract.on('entry', (h, s, next) => {
      names.push(h.name);
      s.resume();
      s.on('end', next);
    });
    await new Promise((resolve) => {
      extract.on('finish', resolve);
      extract.end(exported);
    });
    expect(names.slice(0, 3)).toEqual(['manifest.json', 'scenario.json', 'guests.json']);
    expect(names.slice(3).sort()).toEqual(['media/demo-interview.mp4', 'media/Логотип фестиваля.png'].sort());
  });

  it('refuses broken packages with a Russian sentence and changes nothing', async () => {
    const before = hallState();
    const bad: [string, Buffer, RegExp][] = [
      ['garbage', crypto.randomBytes(5000), /не файл церемонии/],
      [
        'a newer version',
        await makeTar([{ name: 'manifest.json', body: manifest({ version: 2 }) }]),
        /более новой версией/,
      ],
      [
        'a listed file missing',
        await makeTar([
          {
            name: 'manifest.json',
            body: manifest({ media: [{ name: 'a.png', bytes: 3, sha256: '0'.repeat(64) }] }),
          },
          { name: 'scenario.json', body: JSON.stringify(office.app.show.snapshot().scenario) },
          { name: 'guests.json', body: '[]' },
        ]),
        /нет медиафайлов: a\.png/,
      ],
      [
        'a hash mismatch',
        await makeTar([
          {
            name: 'manifest.json',
            body: manifest({ media: [{ name: 'a.png', bytes: 3, sha256: '0'.repeat(64) }] }),
          },
          { name: 'media/a.png', body: 'abc' },
        ]),
        /повреждён/,
      ],
      [
        'the scenario refers to a file the package lacks',
        await makeTar([
          { name: 'manifest.json', body: manifest() },
          { name: 'scenario.json', body: JSON.stringify(office.app.show.snapshot().scenario) },
          { name: 'guests.json', body: '[]' },
        ]),
        /ссылается на файлы, которых нет в пакете: demo-interview\.mp4/,
      ],
      [
        '../evil',
        await makeTar([
          { name: 'manifest.json', body: manifest() },
          { name: '../evil', body: 'x' },
        ]),
        /посторонний файл/,
      ],
      [
        'an absolute path',
        await makeTar([
          { name: 'manifest.json', body: manifest() },
          { name: `${hall.dataDir}/evil`, body: 'x' },
        ]),
        /посторонний файл/,
      ],
      [
        'media/../evil',
        await makeTar([
          {
            name: 'manifest.json',
            body: manifest({ media: [{ name: 'evil', bytes: 1, sha256: '0'.repeat(64) }] }),
          },
          { name: 'media/../evil', body: 'x' },
        ]),
        /лишний файл/,
      ],
      [
        'a symlink',
        await makeTar([
          { name: 'manifest.json', body: manifest() },
          { name: 'media/link', type: 'symlink', linkname: '/etc/passwd' },
        ]),
        /посторонняя запись/,
      ],
      [
        'a media name with a slash in the manifest',
        await makeTar([
          {
            name: 'manifest.json',
            body: manifest({ media: [{ name: 'a/b', bytes: 1, sha256: '0'.repeat(64) }] }),
          },
        ]),
        /Недопустимое имя/,
      ],
      [
        'a scenario that does not validate',
        await makeTar([
          { name: 'manifest.json', body: manifest() },
          { name: 'scenario.json', body: '{"cues":1}' },
        ]),
        /Сценарий в пакете не принят/,
      ],
      [
        'guests that do not validate',
        await makeTar([
          { name: 'manifest.json', body: manifest() },
          { name: 'guests.json', body: '[{"id":"g1"}]' },
        ]),
        /Список гостей в пакете не принят/,
      ],
    ];
    // Cut anywhere before the trailing zero blocks: inside the manifest, a header, a media file.
    for (const at of [10, 512, 1500, Math.floor(exported.length / 2), exported.length - 1025])
      bad.push([`cut at ${at}`, exported.subarray(0, at), /обрезан|не файл церемонии/]);
    for (const [what, body, message] of bad) {
      const res = await stage(body);
      expect(res.status, what).toBe(400);
      expect(res.body.error.code, what).toBe('INVALID_PAYLOAD');
      expect(res.body.error.message, what).toMatch(message);
      expect(res.body.error.message, what).toMatch(/Ничего не изменено/);
    }
    expect(hallState()).toEqual(before);
    expect(fs.existsSync(path.join(hall.dataDir, '..', 'evil'))).toBe(false);
    expect(fs.existsSync(path.join(hall.dataDir, 'evil'))).toBe(false);
  });

  it('stages, reports what it replaces, and a discarded package is gone', async () => {
    const before = hallState();
    const res = await stage(exported);
    expect(res.status).toBe(200);
    const report = res.body as PackageReport;
    expect(report.title).toBe('Светлые люди — офис');
    expect(report.counts.guests).toBe(listGuests(office).length);
    expect(report.counts.media).toBe(2);
    expect(report.replaces.title).not.toBe('Светлые люди — офис');
    expect(report.replaces.mediaAdded).toBe(1);
    expect(report.replaces.mediaReplaced).toBe(0);
    expect(hallState().scenario).toEqual(before.scenario);
    const discarded = await http(`${hall.url}/api/admin/package/${report.packageId}`, {
      method: 'DELETE',
      token: hall.token('admin'),
    });
    expect(discarded.body.ok).toBe(true);
    const apply = await http(`${hall.url}/api/admin/package/${report.packageId}/apply`, {
      method: 'POST',
      token: hall.token('admin'),
    });
    expect(apply.status).toBe(404);
    expect(hallState()).toEqual(before);
  });

  it('refuses to apply while the show runs, then applies: same scenario, guests, media bytes; no arrivals', async () => {
    const report = (await stage(exported)).body as PackageReport;
    const host = await hall.socket('host');
    await ask(host, 'show:go', { expectedRevision: hall.app.show.current().revision });
    const applyUrl = `${hall.url}/api/admin/package/${report.packageId}/apply`;
    const refused = await http(applyUrl, { method: 'POST', token: hall.token('admin') });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CONFLICT');
    expect(hall.app.show.snapshot().scenario.ceremony.title).not.toBe('Светлые люди — офис');

    // Back to before the first GO: the live cue is not in the new run of show.
    const live = hall.app.show.snapshot().scenario;
    await hall.app.show.replaceScenario({
      ...live,
      cues: live.cues.map((c) => ({ ...c, id: `${c.id}-old` })),
    });
    expect(hall.app.show.current().status).toBe('pre-show');
    const volunteer = await hall.socket('volunteer');
    const scan = await ask(volunteer, 'checkin:scan', {
      scanId: 'scan-before-import',
      code: listGuests(hall)[0]!.badgeCode,
    });
    expect(scan.ok).toBe(true);
    expect(hall.app.db.prepare('SELECT COUNT(*) AS n FROM admissions').get()).toEqual({ n: 1 });

    // The show service sends the new picture itself: the router no longer has to remember to.
    const officeTitle = office.app.show.snapshot().scenario.ceremony.title;
    const told = new Promise<Snapshot>((resolve) =>
      host.on(
        'show:snapshot',
        (seen: Snapshot) => seen.scenario.ceremony.title === officeTitle && resolve(seen),
      ),
    );
    const applied = await http(applyUrl, { method: 'POST', token: hall.token('admin') });
    expect(applied.body.ok).toBe(true);
    expect((await told).state.revision).toBe(applied.body.state.revision);
    expect(hall.app.show.snapshot().scenario).toEqual(office.app.show.snapshot().scenario);
    expect(listGuests(hall)).toEqual(listGuests(office));
    for (const name of ['demo-interview.mp4', 'Логотип фестиваля.png'])
      expect(fs.readFileSync(path.join(hall.dataDir, 'media', name))).toEqual(
        fs.readFileSync(path.join(office.dataDir, 'media', name)),
      );
    expect(fs.existsSync(path.join(hall.dataDir, 'media', '.upload-123'))).toBe(false);
    expect(hall.app.db.prepare('SELECT COUNT(*) AS n FROM admissions').get()).toEqual({ n: 0 });
    expect(fs.readdirSync(hall.dataDir).filter((n) => n.startsWith('.package-'))).toEqual([]);
  });
});

function listGuests(s: TestServer) {
  return new GuestsRepository(s.app.db).all();
}
