import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { mediaUrl, type Figures, type Guest, type Scenario } from '@ceremony/shared';
import { PINS, ask, connectAs, http, startServer, tempDir } from './helpers.js';
import { jpeg, mediaPath, vtt } from './media-kit.js';

const CLI = path.resolve(import.meta.dirname, '..', 'src', 'cli.ts');

/** Runs `npm run cli -- …` as the organiser would, against the data folder. */
function cli(dataDir: string, ...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    env: { ...process.env, DATA_DIR: dataDir, ADMIN_PIN: PINS.admin, HOST_PIN: PINS.host },
    encoding: 'utf8',
  });
  return { code: run.status, out: run.stdout + run.stderr };
}

/** Every byte of the database as it lies on disk, with its WAL if one is left. */
function rawBytes(dataDir: string): Buffer {
  const files = fs.readdirSync(dataDir).filter((f) => f.startsWith('ceremony.sqlite'));
  return Buffer.concat(files.map((f) => fs.readFileSync(path.join(dataDir, f))));
}

describe('purge-personal-data', () => {
  it('removes every name and contact from the SQLite file and keeps the figures', async () => {
    const dataDir = tempDir();
    const s = await startServer({ dataDir });
    const admin = s.token('admin');
    const guests: Guest[] = (await http(`${s.url}/api/guests`, { token: admin })).body.guests;
    const volunteer = await s.socket('volunteer');
    for (const [i, g] of guests.slice(0, 20).entries())
      await ask(volunteer, 'checkin:scan', { code: g.badgeCode, scanId: `purge-scan-${i}` });
    const stationId = s.app.show.snapshot().scenario.stations[0]!.id;
    await ask(volunteer, 'station:visit', {
      stationId,
      code: guests[0]!.badgeCode,
      scanId: 'purge-station-1',
    });
    await http(`${s.url}/api/feedback`, { method: 'POST', json: { rating: 5, comment: 'Спасибо!' } });
    const host = await s.socket('host');
    await ask(host, 'show:message', { text: `${guests[1]!.name} — на сцену` });
    // A reissue still open pairs a guest's old and new badge codes: the purge takes it too.
    const reissued = await http(`${s.url}/api/admin/guests/${guests[30]!.id}/reissue-badge`, {
      method: 'POST',
      token: admin,
    });
    expect(reissued.body.ok).toBe(true);
    expect(s.app.db.prepare('SELECT COUNT(*) AS n FROM badge_reissues').get()).toEqual({ n: 1 });
    const before: Figures = (await http(`${s.url}/api/admin/dashboard`, { token: admin })).body.figures;
    await s.stop();

    const refused = cli(dataDir, 'purge-personal-data');
    expect(refused.code).toBe(2);
    expect(rawBytes(dataDir).includes(Buffer.from(guests[0]!.name))).toBe(true);

    const done = cli(dataDir, 'purge-personal-data', '--yes');
    expect(done.out).toContain(`гостей ${guests.length}`);
    expect(done.code).toBe(0);

    const bytes = rawBytes(dataDir);
    const personal = guests.flatMap((g) => [g.name, g.phone, g.email].filter((x): x is string => !!x));
    const left = personal.filter((p) => bytes.includes(Buffer.from(p, 'utf8')));
    expect(left).toEqual([]);

    const db = new Database(path.join(dataDir, 'ceremony.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT name, organisation, phone, email, seat FROM guests').all() as Record<
      string,
      string | null
    >[];
    expect(rows).toHaveLength(guests.length);
    for (const r of rows) {
      expect(r.name).toMatch(/^Гость \d+$/);
      expect([r.organisation, r.phone, r.email, r.seat]).toEqual([null, null, null, null]);
    }
    const scans = db.prepare('SELECT result FROM scans').all() as { result: string }[];
    expect(scans.every((x) => !('guest' in JSON.parse(x.result)))).toBe(true);
    expect(db.prepare('SELECT COUNT(*) AS n FROM badge_reissues').get()).toEqual({ n: 0 });
    db.close();

    const again = await startServer({ dataDir });
    const after: Figures = (await http(`${again.url}/api/admin/dashboard`, { token: again.token('admin') }))
      .body.figures;
    for (const key of [
      'expected',
      'arrived',
      'byCategory',
      'byNomination',
      'arrivals',
      'nominees',
      'stations',
    ] as const)
      expect(after[key]).toEqual(before[key]);
    // Ratings are counted as before; the comments themselves can name people, so they go.
    expect(after.feedback).toEqual({ ...before.feedback, comments: [] });
    await again.stop();
  });

  it('leaves no marker name, contact or name-derived hash in any byte of the data folder', async () => {
    const dataDir = tempDir();
    const s = await startServer({ dataDir });
    const admin = s.token('admin');
    // One unique marker for every place a person can appear.
    const M = {
      guest: 'Зюзикова Маркелина Прохоровна',
      organisation: 'Кружок «Маркерные узоры» при Зюзиковой',
      seat: 'Ряд Маркеров, место 77',
      phone: '+7 912 345-67-89',
      email: 'markelina.zyuzikova@example.ru',
      nominee: 'Пафнутий Маркелович Ыжеуклопов',
      leader: 'Евлампия Маркеловна Щуцкая',
      citation: 'За марки, которые собрал Пафнутий Ыжеуклопов',
      notes: 'Сказать про Евлампию Щуцкую и её внука Маркела',
      message: 'Маркел Ыжеуклопов, пройдите к сцене',
      feedback: 'Звоните Агафье Маркеловой: +7 913 222-33-44',
      feedbackPhone: '+7 913 222-33-44',
      undo: 'Перепутал с Фёклой Маркеловой-Зюзиковой',
      device: 'Телефон Маркелины Зюзиковой',
      pairing: 'Планшет Пафнутия Ыжеуклопова',
    };
    const imported = await http(`${s.url}/api/guests/import`, {
      method: 'POST',
      token: admin,
      headers: { 'content-type': 'text/csv' },
      body: Buffer.from(
        `ФИО;Категория;Организация;Место;Телефон;E-mail\r\n${M.guest};гость;"${M.organisation.replace(/"/g, '""')}";${M.seat};${M.phone};${M.email}\r\n`,
      ),
    });
    expect(imported.body).toMatchObject({ ok: true, created: 1 });
    const guest = ((await http(`${s.url}/api/guests`, { token: admin })).body.guests as Guest[]).find(
      (g) => g.name === M.guest,
    )!;

    // A nominee with a leader, a citation and a photo in DATA_DIR/media; cue notes and a cue title.
    const photo = 'nominee-marker-photo.jpg';
    fs.writeFileSync(
      path.join(dataDir, 'media', photo),
      Buffer.from(`\xff\xd8\xff\xe1Exif ${M.nominee}`, 'utf8'),
    );
    const { scenario, state } = s.app.show.snapshot();
    const edited: Scenario = {
      ...scenario,
      nominees: [
        ...scenario.nominees,
        {
          id: 'marker-nominee',
          nominationId: scenario.nominations[0]!.id,
          kind: 'citizen',
          name: M.nominee,
          citation: M.citation,
          photoUrl: `/media/${photo}`,
          consent: true,
          honoured: false,
        },
        {
          id: 'marker-org',
          nominationId: scenario.nominations[0]!.id,
          kind: 'organisation',
          name: 'АНО «Публичная организация»',
          leader: M.leader,
          citation: '',
          consent: true,
          honoured: false,
        },
      ],
      cues: scenario.cues.map((c, i) =>
        i === 0 ? { ...c, notes: M.notes, title: `Встречаем ${M.guest}` } : c,
      ),
    };
    const adminSocket = await s.socket('admin');
    expect(
      await ask(adminSocket, 'scenario:update', { expectedRevision: state.revision, scenario: edited }),
    ).toMatchObject({
      ok: true,
    });

    // A phone paired under a person's name, and a pairing code named after another.
    const pairing = await http(`${s.url}/api/admin/pairing`, {
      method: 'POST',
      token: admin,
      json: { role: 'volunteer', name: M.device },
    });
    const paired = await http(`${s.url}/api/session`, {
      method: 'POST',
      json: { pairingCode: pairing.body.code },
    });
    expect(paired.status).toBe(200);
    await http(`${s.url}/api/admin/pairing`, {
      method: 'POST',
      token: admin,
      json: { role: 'host', name: M.pairing },
    });
    const phone = await s.socket('volunteer');
    const named = await connectAs(s.url, { token: paired.body.token });

    // The guest is admitted (the stored answer holds the name), taken back with a reason, admitted again.
    expect(
      await ask(named, 'checkin:scan', { code: guest.badgeCode, scanId: 'marker-scan-1' }),
    ).toMatchObject({
      ok: true,
    });
    expect(await ask(named, 'checkin:undo', { guestId: guest.id, reason: M.undo })).toMatchObject({
      ok: true,
    });
    await ask(phone, 'checkin:scan', { code: guest.badgeCode, scanId: 'marker-scan-2' });
    await http(`${s.url}/api/feedback`, { method: 'POST', json: { rating: 4, comment: M.feedback } });
    const host = await s.socket('host');
    expect(await ask(host, 'show:message', { text: M.message })).toMatchObject({ ok: true });
    named.close();
    await s.stop();

    expect(cli(dataDir, 'purge-personal-data', '--yes').code).toBe(0);

    // Every file under DATA_DIR, the SQLite file with its -wal and -shm, media, server.json and the rest.
    const files = (fs.readdirSync(dataDir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name));
    expect(files.some((f) => f.endsWith('ceremony.sqlite'))).toBe(true);
    // The hashes a list of candidate names or the hall's addresses would reproduce.
    const sha = (algo: string, text: string) => crypto.createHash(algo).update(text).digest('hex');
    const hashes = [
      guest.id,
      'g-' + sha('sha1', `${M.guest.toLowerCase()}|${M.organisation.toLowerCase()}`).slice(0, 12),
      ...['127.0.0.1', '::ffff:127.0.0.1', '::1'].map((ip) => sha('sha256', ip).slice(0, 16)),
    ];
    const needles = [...Object.values(M), ...hashes];
    const found = files.flatMap((f) => {
      const bytes = fs.readFileSync(f);
      return needles
        .filter((n) => bytes.includes(Buffer.from(n, 'utf8')))
        .map((n) => `${path.relative(dataDir, f)}: ${n}`);
    });
    expect(found).toEqual([]);
  });
});

const stageCopies = (dataDir: string) => {
  const dir = path.join(dataDir, 'media', '.stage');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

describe('purge-personal-data and the media library', () => {
  it("deletes nominees' photos and video interviews with their projector copies, keeps the logo", async () => {
    const dataDir = tempDir();
    const s = await startServer({ dataDir });
    const admin = s.token('admin');
    const put = async (name: string, body: Buffer) =>
      expect(
        (
          await http(`${s.url}${mediaPath(name)}`, {
            method: 'PUT',
            token: admin,
            body: new Uint8Array(body),
          })
        ).status,
      ).toBe(201);
    await put('Ёлкина Мария Петровна.jpg', await jpeg(800, 600));
    await put('интервью Ёлкиной.vtt', vtt());
    await put('логотип.jpg', await jpeg(400, 100));
    const nominee = s.app.show.snapshot().scenario.nominees.find((n) => n.kind === 'citizen')!;
    const edited = await s.app.show.editScenario(
      (sc): Scenario => ({
        ...sc,
        ceremony: { ...sc.ceremony, branding: { ...sc.ceremony.branding, logoUrl: mediaUrl('логотип.jpg') } },
        nominees: sc.nominees.map((n) =>
          n.id === nominee.id ? { ...n, photoUrl: mediaUrl('Ёлкина Мария Петровна.jpg') } : n,
        ),
        cues: sc.cues.map((c) =>
          c.kind === 'video' ? { ...c, subtitlesUrl: mediaUrl('интервью Ёлкиной.vtt') } : c,
        ),
      }),
      null,
      { type: 'test:media' },
    );
    expect(edited.ok).toBe(true);
    // The projector copies exist before the purge (made at upload, or now on the first request).
    for (const name of ['Ёлкина Мария Петровна.jpg', 'логотип.jpg'])
      expect((await fetch(`${s.url}${mediaUrl(name)}?for=stage`)).status).toBe(200);
    const copiesBefore = stageCopies(dataDir).length;
    expect(copiesBefore).toBeGreaterThanOrEqual(2);
    await s.stop();

    const done = cli(dataDir, 'purge-personal-data', '--yes');
    expect(done.code, done.out).toBe(0);
    expect(done.out).toContain('удалено фото и видео номинантов: 3');

    const left = fs.readdirSync(path.join(dataDir, 'media')).filter((f) => !f.startsWith('.'));
    expect(left).toEqual(['логотип.jpg']);
    expect(stageCopies(dataDir).filter((f) => !f.endsWith('.tmp'))).toHaveLength(1);
    // The file name was a person's name: not even the metadata cache keeps it.
    expect(rawBytes(dataDir).includes(Buffer.from('Ёлкина Мария Петровна'))).toBe(false);

    const again = await startServer({ dataDir });
    const scenario = again.app.show.snapshot().scenario;
    expect(scenario.nominees.every((n) => n.photoUrl === undefined)).toBe(true);
    for (const c of scenario.cues.filter((c) => c.kind === 'video'))
      expect(c.kind === 'video' && [c.mediaUrl, c.subtitlesUrl]).toEqual(['', undefined]);
    expect(scenario.ceremony.branding.logoUrl).toBe(mediaUrl('логотип.jpg'));
    const listed = (await http(`${again.url}/api/admin/media`, { token: again.token('admin') })).body.media;
    expect(listed.map((m: { name: string }) => m.name)).toEqual(['логотип.jpg']);
    await again.stop();
  });
});
