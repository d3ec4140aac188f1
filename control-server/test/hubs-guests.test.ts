import { spawn } from 'node:child_process';
import crypto, { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  newBadgeCode,
  type Figures,
  type Guest,
  type Scenario,
  type StationsOccupancy,
} from '@ceremony/shared';
import type { Db } from '../src/store/db.js';
import { guestsSql } from '../src/store/postgres/guests.sql.js';
import { CHANGE_CHANNEL } from '../src/store/postgres/shared.store.js';
import { PINS, ask, http, tempDir, type TestServer } from './helpers.js';
import { twoHubsPerFile, type TwoHubs } from './hub-kit.js';

/*
 * The guest list, badges, station visits, feedback and reports across two hubs, each with its own
 * DATA_DIR, on one real PostgreSQL: whatever one hub writes, the other decides by and reports.
 */
/** Hub A until the purge test stops it (the purge needs its folder to itself). */
let aRunning = true;

// One after the other: hub A brings its evening into the new database, hub B takes it from there.
let { db, sql, a, b } = {} as TwoHubs;
twoHubsPerFile(
  (hubs) => ({ db, sql, a, b } = hubs),
  () => (aRunning ? [] : [a]),
);

const count = async (query: string, values: unknown[] = []) =>
  Number((await sql.query<{ n: string }>(query, values)).rows[0]!.n);

/** Waits until `check` holds (a copy another hub's NOTIFY brings); says what it saw last when it does not. */
async function until<T>(read: () => Promise<T> | T, check: (v: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: last seen ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// One admin device per hub, signed in once (recorded in PostgreSQL): it still works while the
// database is away, as a held token does.
const admins = new Map<TestServer, Promise<string>>();
const adminOf = (s: TestServer) => {
  if (!admins.has(s)) admins.set(s, s.tokenAsync('admin'));
  return admins.get(s)!;
};

const importCsv = async (s: TestServer, csv: string) =>
  http(`${s.url}/api/guests/import`, {
    method: 'POST',
    token: await adminOf(s),
    headers: { 'content-type': 'text/csv' },
    body: csv,
  });

const guestsOn = async (s: TestServer): Promise<Guest[]> =>
  (await http(`${s.url}/api/guests`, { token: await adminOf(s) })).body.guests;

const figuresOn = async (s: TestServer): Promise<Figures> =>
  (await http(`${s.url}/api/admin/dashboard`, { token: await adminOf(s) })).body.figures;

describe('guests, badges, stations, feedback and reports across two hubs', () => {
  it('admits on hub B a guest imported on hub A a moment before', async () => {
    const imported = await importCsv(
      a,
      'ФИО;Категория;Телефон\nЗаречная Нина Петровна;Гость;+7 900 111-22-33\n',
    );
    expect(imported.body).toMatchObject({ ok: true, created: 1, errors: [] });
    const guest = (await guestsOn(a)).find((g) => g.name === 'Заречная Нина Петровна')!;
    expect(await count('SELECT COUNT(*) AS n FROM guests WHERE id = $1', [guest.id])).toBe(1);
    // Straight away: hub B's desk decides by the list PostgreSQL holds, not by its copy's last news.
    const vb = await b.socket('volunteer');
    const scan = await ask(vb, 'checkin:scan', { scanId: randomUUID(), code: guest.badgeCode });
    expect(scan.result).toMatchObject({ status: 'admitted', guest: { id: guest.id } });
    // And hub B's copy follows, so its search and admin list know her too.
    await until(
      () => guestsOn(b),
      (list) => list.some((g) => g.id === guest.id),
      "hub B's list",
    );
  });

  it('refuses on hub B the old code of a badge reissued on hub A', async () => {
    const guest = (await guestsOn(a)).at(-3)!;
    const reissued = await http(`${a.url}/api/admin/guests/${guest.id}/reissue-badge`, {
      method: 'POST',
      token: await adminOf(a),
    });
    expect(reissued.body).toMatchObject({ ok: true });
    const vb = await b.socket('volunteer');
    const old = await ask(vb, 'checkin:scan', { scanId: randomUUID(), code: guest.badgeCode });
    expect(old.result.status).toBe('revoked');
    const fresh = await ask(vb, 'checkin:scan', { scanId: randomUUID(), code: reissued.body.badgeCode });
    expect(fresh.result).toMatchObject({ status: 'admitted', guest: { id: guest.id } });
  });

  it('counts one station scan sent to both hubs once, and both hubs’ admins see the occupancy', async () => {
    const station = a.app.show.snapshot().scenario.stations[0]!;
    const guest = (await guestsOn(a)).at(-5)!;
    const [adminA, adminB] = await Promise.all([a.socket('admin'), b.socket('admin')]);
    const before = (await ask(adminA, 'stations:occupancy', {})).occupancy as StationsOccupancy;
    const inside = before.stations.find((s) => s.stationId === station.id)!.inside;
    // Each admin waits for the occupancy with the guest inside (an older figure may come first).
    const heard = [adminA, adminB].map(
      (admin, i) =>
        new Promise<number>((resolve, reject) => {
          const seen: number[] = [];
          const timer = setTimeout(() => reject(new Error(`hub ${'AB'[i]}'s admin heard ${seen}`)), 10_000);
          admin.on('stations:occupancy', (o) => {
            const n = o.stations.find((s) => s.stationId === station.id)!.inside;
            seen.push(n);
            if (n !== inside + 1) return;
            clearTimeout(timer);
            resolve(n);
          });
        }),
    );
    const [va, vb] = await Promise.all([a.socket('volunteer'), b.socket('volunteer')]);
    const visit = { stationId: station.id, code: guest.badgeCode, scanId: randomUUID() };
    const answers = await Promise.all([ask(va, 'station:visit', visit), ask(vb, 'station:visit', visit)]);
    // The same scanId: both answered as the one visit it made.
    expect(answers.map((x) => x.visit.status)).toEqual(['entered', 'entered']);
    expect(await count('SELECT COUNT(*) AS n FROM station_visits WHERE scan_id = $1', [visit.scanId])).toBe(
      1,
    );
    expect(await Promise.all(heard)).toEqual([inside + 1, inside + 1]);
    // Either hub says the same when asked.
    for (const s of [a, b]) {
      const o: StationsOccupancy = (await ask(await s.socket('volunteer'), 'stations:occupancy', {}))
        .occupancy;
      expect(o.stations.find((x) => x.stationId === station.id)!.inside).toBe(inside + 1);
    }
  });

  it('sends into a station on hub B a guest imported elsewhere a moment ago, before B has copied the list', async () => {
    const station = b.app.show.snapshot().scenario.stations[0]!;
    const template = (await guestsOn(a)).at(-1)!;
    const late: Guest = {
      ...template,
      id: `late-${randomUUID()}`,
      name: 'Ёлкина Алёна Фёдоровна',
      badgeCode: newBadgeCode((n) => crypto.randomBytes(n)),
    };
    // Written as another hub writes it, but with no NOTIFY yet: hub B's copy does not have the guest.
    const [insert] = guestsSql({ kind: 'upsert', guests: [late], now: Date.now() });
    await sql.query(insert!.sql, insert!.values);
    expect(b.app.db.prepare('SELECT id FROM guests WHERE id = ?').get(late.id)).toBeUndefined();
    const volunteer = await b.socket('volunteer');
    const answer = await ask(volunteer, 'station:visit', {
      stationId: station.id,
      code: late.badgeCode,
      scanId: randomUUID(),
    });
    expect(answer.visit.status).toBe('entered');
    expect(answer.visit.guest).toEqual({ id: late.id, name: late.name });
    // A code nobody has is still unknown after the look in PostgreSQL.
    const stranger = await ask(volunteer, 'station:visit', {
      stationId: station.id,
      code: newBadgeCode((n) => crypto.randomBytes(n)),
      scanId: randomUUID(),
    });
    expect(stranger.visit.status).toBe('unknown-code');
    // A code revoked through another hub, before B has copied that: read as revoked, not unknown.
    const revoked = newBadgeCode((n) => crypto.randomBytes(n));
    await sql.query('INSERT INTO revoked_badges (code, guest_id, revoked_at) VALUES ($1, $2, $3)', [
      revoked,
      late.id,
      Date.now(),
    ]);
    const old = await ask(volunteer, 'station:visit', {
      stationId: station.id,
      code: revoked,
      scanId: randomUUID(),
    });
    expect(old.visit.status).toBe('revoked');
    // The NOTIFY the importing hub sends with its commit, late: every copy holds the guest again.
    await sql.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, 'elsewhere guests']);
    await until(
      () => a.app.db.prepare('SELECT id FROM guests WHERE id = ?').get(late.id),
      (row) => row !== undefined,
      "the late guest in hub A's copy",
    );
  });

  it('takes back on hub B a station visit made on hub A, and lets a guest leave through either hub', async () => {
    const station = a.app.show.snapshot().scenario.stations[1]!;
    const [first, second] = (await guestsOn(a)).slice(-11, -9);
    const [va, vb] = await Promise.all([a.socket('volunteer'), b.socket('volunteer')]);
    const insideOn = async (s: TestServer) =>
      (
        (await ask(await s.socket('volunteer'), 'stations:occupancy', {})).occupancy as StationsOccupancy
      ).stations.find((x) => x.stationId === station.id)!.inside;
    const before = await insideOn(a);
    const mistaken = { stationId: station.id, code: first!.badgeCode, scanId: randomUUID() };
    expect((await ask(va, 'station:visit', mistaken)).visit.status).toBe('entered');
    expect(
      (await ask(va, 'station:visit', { ...mistaken, code: second!.badgeCode, scanId: randomUUID() })).ok,
    ).toBe(true);
    // Hub B decides on the visits as PostgreSQL holds them: it finds the visit hub A made.
    const undone = await ask(vb, 'station:undo', { stationId: station.id, scanId: mistaken.scanId });
    expect(undone).toMatchObject({ ok: true, occupancy: { inside: before + 1 } });
    const left = await ask(vb, 'station:leave', { stationId: station.id, guestId: second!.id });
    expect(left).toMatchObject({ ok: true, occupancy: { inside: before } });
    expect(
      await count('SELECT COUNT(*) AS n FROM station_visits WHERE scan_id = $1', [mistaken.scanId]),
    ).toBe(0);
    // Hub A's copy follows the forgotten visit and the leave.
    await until(
      () => insideOn(a),
      (n) => n === before,
      "hub A's occupancy",
    );
    const again = await ask(va, 'station:undo', { stationId: station.id, scanId: mistaken.scanId });
    expect(again.error.code).toBe('NOT_FOUND');
  });

  it('reports on either hub the feedback left on hub A and the admissions made on hub B', async () => {
    const comment = `Спасибо за вечер ${randomUUID().slice(0, 8)}`;
    const sent = await http(`${a.url}/api/feedback`, { method: 'POST', json: { rating: 4, comment } });
    expect(sent.body).toMatchObject({ ok: true });
    const vb = await b.socket('volunteer');
    const waiting = (await guestsOn(b)).slice(0, 12);
    for (const g of waiting) await ask(vb, 'checkin:scan', { scanId: randomUUID(), code: g.badgeCode });
    const admitted = await count('SELECT COUNT(*) AS n FROM admissions');
    const feedback = await count('SELECT COUNT(*) AS n FROM feedback');
    const visits = await count('SELECT COUNT(*) AS n FROM station_visits');
    for (const s of [a, b]) {
      const figures = await until(
        () => figuresOn(s),
        (f) => f.arrived === admitted && f.feedback.count === feedback,
        `the report on ${s === a ? 'hub A' : 'hub B'}`,
      );
      expect(figures.feedback.comments).toContain(comment);
      expect(figures.stations.reduce((n, st) => n + st.visits, 0)).toBe(visits);
      expect(figures.expected).toBe(await count('SELECT COUNT(*) AS n FROM guests'));
    }
  });

  it('refuses an import while PostgreSQL is down, writes none of it, and imports once it is back', async () => {
    const csv = 'ФИО;Категория\nТригорин Борис;Гость\nАркадина Ирина;Гость\nТреплев Константин;Гость\n';
    const before = (await guestsOn(a)).length;
    db.stop();
    try {
      const refused = await importCsv(a, csv);
      expect(refused.status).toBe(500);
      expect(refused.body.error.reason).toBe('error.store.unavailable');
      // Hub A still answers, and its copy holds none of the rows.
      expect((await guestsOn(a)).length).toBe(before);
    } finally {
      db.start();
    }
    expect(
      await count(`SELECT COUNT(*) AS n FROM guests WHERE name IN ('Тригорин Борис', 'Аркадина Ирина')`),
    ).toBe(0);
    const done = await importCsv(a, csv);
    expect(done.body).toMatchObject({ ok: true, created: 3 });
    await until(
      () => guestsOn(b),
      (list) => list.length === before + 3,
      "hub B's list",
    );
  }, 60_000);

  it('purges on hub A every name from every PostgreSQL table and from hub B’s copy', async () => {
    const guests = (
      await sql.query<{ id: string; name: string; phone: string | null; email: string | null }>(
        'SELECT id, name, phone, email FROM guests',
      )
    ).rows;
    const scenario = JSON.parse(
      (await sql.query<{ json: string }>('SELECT json FROM scenario')).rows[0]!.json,
    ) as Scenario;
    const citizens = scenario.nominees.filter((n) => n.kind === 'citizen').map((n) => n.name);
    const named = guests[0]!;
    // People named where people type: the host's line, an undo's reason, a feedback comment.
    const host = await a.socket('host');
    expect((await ask(host, 'show:message', { text: `${named.name} — на сцену` })).ok).toBe(true);
    const vb = await b.socket('volunteer');
    const admitted = { guest_id: guests.at(-7)!.id };
    const code = (
      await sql.query<{ badge_code: string }>('SELECT badge_code FROM guests WHERE id = $1', [
        admitted.guest_id,
      ])
    ).rows[0]!.badge_code;
    expect((await ask(vb, 'checkin:scan', { scanId: randomUUID(), code })).ok).toBe(true);
    const undone = await ask(vb, 'checkin:undo', {
      guestId: admitted.guest_id,
      reason: `Это не ${named.name}`,
    });
    expect(undone.ok).toBe(true);
    await http(`${a.url}/api/feedback`, {
      method: 'POST',
      json: { rating: 5, comment: `${named.name} лучшая` },
    });
    // A reissue still open (its undo pairs the guest's codes) and the feedback brake's phones and key.
    const reissued = await http(`${a.url}/api/admin/guests/${guests.at(-8)!.id}/reissue-badge`, {
      method: 'POST',
      token: await adminOf(a),
    });
    expect(reissued.body.ok).toBe(true);
    for (const table of ['badge_reissues', 'feedback_brake', 'feedback_sender_key'])
      expect(await count(`SELECT COUNT(*) AS n FROM ${table}`)).toBeGreaterThan(0);
    const personal = [
      ...guests.flatMap((g) => [g.name, g.phone, g.email].filter((x): x is string => !!x)),
      ...citizens,
    ];
    // Hub A stops (the purge needs its folder to itself); hub B runs on.
    await a.stop();
    aRunning = false;
    const run = await cli(a.dataDir, { DATABASE_URL: db.url }, 'purge-personal-data', '--yes');
    expect(run.out).toContain(`гостей ${guests.length}`);
    expect(run.code).toBe(0);

    expect(await leftInPostgres(personal)).toEqual([]);
    for (const table of ['badge_reissues', 'feedback_brake', 'feedback_sender_key'])
      expect(await count(`SELECT COUNT(*) AS n FROM ${table}`)).toBe(0);
    // The figures stay: the same guests, admissions, visits and ratings.
    expect(await count('SELECT COUNT(*) AS n FROM guests')).toBe(guests.length);
    expect(
      await count('SELECT COUNT(*) AS n FROM guests WHERE id = ANY($1)', [guests.map((g) => g.id)]),
    ).toBe(0);
    // Hub B's copy follows on the NOTIFY: the list, the check-ins, the feedback, the scenario.
    await until(
      () => leftIn(b.app.db, personal),
      (left) => left.length === 0,
      "names left in hub B's SQLite",
    );
    await until(
      () => b.app.db.prepare('SELECT COUNT(*) AS n FROM badge_reissues').get(),
      (row) => (row as { n: number }).n === 0,
      "open reissues in hub B's SQLite",
    );
    const figures = await figuresOn(b);
    expect(figures.arrived).toBe(await count('SELECT COUNT(*) AS n FROM admissions'));
    expect(figures.expected).toBe(guests.length);
  }, 60_000);

  it('imports through the CLI on a stopped hub’s folder into PostgreSQL, and the running hub takes it', async () => {
    const file = path.join(tempDir(), 'late.csv');
    fs.writeFileSync(file, 'ФИО;Категория\nПоздняя Полина;Гость\n');
    const run = await cli(a.dataDir, { DATABASE_URL: db.url }, 'import-guests', file);
    expect(run.code, run.out).toBe(0);
    expect(await count(`SELECT COUNT(*) AS n FROM guests WHERE name = 'Поздняя Полина'`)).toBe(1);
    await until(
      () => guestsOn(b),
      (list) => list.some((g) => g.name === 'Поздняя Полина'),
      "hub B's list",
    );
  }, 60_000);
});

/** Runs `npm run cli -- …` as the organiser would, on a data folder, with extra environment. */
function cli(dataDir: string, env: Record<string, string>, ...args: string[]) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.resolve(import.meta.dirname, '..', 'src', 'cli.ts'), ...args],
    { env: { ...process.env, DATA_DIR: dataDir, ADMIN_PIN: PINS.admin, ...env } },
  );
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise<{ code: number | null; out: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, out })),
  );
}

/** Where the strings appear, as `string in table`, in any table (bytes too: the adapter's attachments). */
async function leftInPostgres(personal: string[]): Promise<string[]> {
  const tables = (
    await sql.query<{ t: string }>(
      "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public'",
    )
  ).rows.map((r) => r.t);
  const left: string[] = [];
  for (const t of tables) left.push(...found(t, (await sql.query(`SELECT * FROM ${t}`)).rows, personal));
  return left;
}

/** Where the strings appear, as `string in table`, in the hub's SQLite tables. */
function leftIn(local: Db, personal: string[]): string[] {
  const tables = local.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
    name: string;
  }[];
  return tables.flatMap(({ name }) =>
    found(name, local.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[], personal),
  );
}

function found(table: string, rows: Record<string, unknown>[], personal: string[]): string[] {
  const texts = rows.flatMap(Object.values).map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v)));
  return personal.filter((p) => texts.some((t) => t.includes(p))).map((p) => `${p} in ${table}`);
}
