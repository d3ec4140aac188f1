import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckinStats, Guest, Scenario, Snapshot } from '@ceremony/shared';
import { PINS, ask, connectAs, http, tempDir, type TestSocket } from './helpers.js';
import { killHard, runCli, spawnServer, type ServerProcess } from './process.js';
import { GUEST_ROWS, workbook } from './workbook.js';

const cli = runCli;

const running: ServerProcess[] = [];
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const p of running.splice(0)) await killHard(p);
});

async function serve(dataDir: string): Promise<ServerProcess> {
  const p = await spawnServer(dataDir, { HTTPS_PORT: 'off' });
  running.push(p);
  return p;
}

async function signIn(url: string, pin: string): Promise<string> {
  return (await http(`${url}/api/session`, { method: 'POST', json: { pin } })).body.token as string;
}

const guestsOf = async (url: string, token: string): Promise<Guest[]> =>
  (await http(`${url}/api/guests`, { token })).body.guests;
const snapshotOf = async (url: string, token: string): Promise<Snapshot> =>
  (await http(`${url}/api/show`, { token })).body;
const refusal = (p: ServerProcess) =>
  `Сервер работает (порт ${new URL(p.url).port}, pid ${p.child.pid}): остановите его (Ctrl+C) и повторите`;

describe('the admin CLI while the server runs on the same DATA_DIR', () => {
  it('imports guests through the running server, which tells the staff the new expected count', async () => {
    const dataDir = tempDir();
    const folder = tempDir();
    fs.writeFileSync(path.join(folder, 'гости.xlsx'), await workbook(GUEST_ROWS));
    const server = await serve(dataDir);
    const record = JSON.parse(fs.readFileSync(path.join(dataDir, 'server.json'), 'utf8'));
    expect(record).toMatchObject({ pid: server.child.pid, port: Number(new URL(server.url).port) });

    const admin = await signIn(server.url, PINS.admin);
    const before = await guestsOf(server.url, admin);
    const adminSocket = await connectAs(server.url, { token: admin }, sockets);
    const host = await connectAs(server.url, { token: await signIn(server.url, PINS.host) }, sockets);
    const expected = before.length + 3;
    const told = (s: TestSocket) =>
      new Promise<CheckinStats>((resolve) => {
        const seen = (stats: CheckinStats) => stats.expected === expected && resolve(stats);
        s.on('checkin:stats', seen);
      });
    const adminTold = told(adminSocket);
    const hostTold = told(host);

    const dry = await cli(dataDir, folder, 'import-guests', 'гости.xlsx', '--dry-run');
    expect(dry.out).toContain('команда выполняется через него');
    expect(dry.out).toContain('Книга Excel (.xlsx), первый лист; строк: 3');
    expect(dry.out).toContain('Неизвестные столбцы: Должность');
    expect(dry.out).toContain('Проверка пройдена (ничего не записано): новых 3');
    expect(dry.code).toBe(0);
    expect(await guestsOf(server.url, admin)).toHaveLength(before.length);

    const done = await cli(dataDir, folder, 'import-guests', 'гости.xlsx', '--map', 'Должность=ignore');
    expect(done.out).toContain('Должность → не загружается');
    expect(done.out).toContain('Загружено: новых 3, обновлено 0, без изменений 0, удалено 0');
    expect(done.code).toBe(0);
    const after = await guestsOf(server.url, admin);
    expect(after.map((g) => g.name)).toEqual(
      expect.arrayContaining(['Алёна Сергеевна Ёжикова', 'Пётр Фёдорович Орлов']),
    );
    expect(after).toHaveLength(expected);
    expect((await hostTold).expected).toBe(expected);
    expect((await adminTold).expected).toBe(expected);
    // The server's own answer agrees: it reads what it imported, not what someone wrote behind it.
    expect((await ask(host, 'checkin:stats', {})).stats.expected).toBe(expected);
    // Two CLI runs, one admin device: the second reused the first one's session.
    const devices = (await http(`${server.url}/api/admin/devices`, { token: admin })).body.devices as {
      role: string;
    }[];
    expect(devices.filter((d) => d.role === 'admin')).toHaveLength(2); // this test's own sign-in + the CLI
  });

  it('replaces the scenario through the server, which sends it to every screen; refused while the show runs', async () => {
    const dataDir = tempDir();
    const folder = tempDir();
    const server = await serve(dataDir);
    const admin = await signIn(server.url, PINS.admin);
    const host = await connectAs(server.url, { token: await signIn(server.url, PINS.host) }, sockets);

    const exported = await cli(dataDir, folder, 'export-ceremony', 'сценарий.json');
    expect(exported.code).toBe(0);
    const scenario = JSON.parse(fs.readFileSync(path.join(folder, 'сценарий.json'), 'utf8')) as Scenario;
    expect(scenario).toEqual((await snapshotOf(server.url, admin)).scenario);
    const titled = (title: string) => {
      const name = `${title}.json`;
      fs.writeFileSync(
        path.join(folder, name),
        JSON.stringify({ ...scenario, ceremony: { ...scenario.ceremony, title } }),
      );
      return name;
    };

    const heard = new Promise<Snapshot>((resolve) =>
      host.on('show:snapshot', (s) => s.scenario.ceremony.title === 'Репетиция' && resolve(s)),
    );
    const replaced = await cli(dataDir, folder, 'import-ceremony', titled('Репетиция'));
    expect(replaced.out).toContain('Загружено «Репетиция»: номинаций');
    expect(replaced.code).toBe(0);
    expect((await snapshotOf(server.url, admin)).scenario.ceremony.title).toBe('Репетиция');
    expect((await heard).scenario.ceremony.title).toBe('Репетиция');

    // A GO on the scenario the server holds: the file and the server's memory are the same scenario.
    const went = await ask(host, 'show:go', {
      expectedRevision: (await snapshotOf(server.url, admin)).state.revision,
    });
    expect(went.ok).toBe(true);
    const refused = await cli(dataDir, folder, 'import-ceremony', titled('Не сейчас'));
    expect(refused.out).toContain(
      'Шоу идёт: сценарий не заменён. Если это была репетиция, завершите её в «Подготовка → Церемония»',
    );
    expect(refused.code).toBe(1);
    const live = await snapshotOf(server.url, admin);
    expect(live.scenario.ceremony.title).toBe('Репетиция');
    expect(live.state.status).toBe('running');

    const forced = await cli(dataDir, folder, 'import-ceremony', titled('Светлые люди — 2027'), '--force');
    expect(forced.code).toBe(0);
    expect((await snapshotOf(server.url, admin)).scenario.ceremony.title).toBe('Светлые люди — 2027');
  });

  it('refuses purge-personal-data and changes nothing; after a SIGKILL the stale record is ignored', async () => {
    const dataDir = tempDir();
    const folder = tempDir();
    const server = await serve(dataDir);
    const admin = await signIn(server.url, PINS.admin);
    const guests = await guestsOf(server.url, admin);

    const refused = await cli(dataDir, folder, 'purge-personal-data', '--yes');
    expect(refused.out).toContain(refusal(server));
    expect(refused.out).not.toContain('Обезличено');
    expect(refused.code).toBe(1);
    expect(await guestsOf(server.url, admin)).toEqual(guests);

    // A second server on the same folder would keep a second show in memory: it will not start.
    const second = await spawnServer(dataDir, { HTTPS_PORT: 'off' }).catch((err: { output: string }) => err);
    expect((second as { output: string }).output).toContain('уже работает сервер');

    await killHard(server);
    expect(fs.existsSync(path.join(dataDir, 'server.json'))).toBe(true);
    const direct = await cli(dataDir, folder, 'purge-personal-data', '--yes');
    expect(direct.out).not.toContain('Сервер работает');
    expect(direct.out).toContain(`Обезличено: гостей ${guests.length}`);
    expect(direct.code).toBe(0);
  });

  it('ignores a record whose pid is alive but whose port does not answer, and removes its own on a clean stop', async () => {
    const dataDir = tempDir();
    const folder = tempDir();
    const server = await serve(dataDir);
    const port = Number(new URL(server.url).port);
    await new Promise<void>((resolve) => {
      server.child.once('exit', () => resolve());
      server.child.kill('SIGTERM');
    });
    expect(fs.existsSync(path.join(dataDir, 'server.json'))).toBe(false);

    // This test runner is alive; the port it names is closed now that the server is gone.
    const record = { pid: process.pid, port, host: '127.0.0.1', startedAt: Date.now() };
    fs.writeFileSync(path.join(dataDir, 'server.json'), JSON.stringify(record));
    // `pins <role>` makes a new PIN for that role and prints it once (only its hash is kept).
    const pins = await cli(dataDir, folder, 'pins', 'volunteer');
    expect(pins.out).not.toContain('Сервер работает');
    expect(pins.out).toMatch(/^volunteer \d{6}$/m);
    expect(pins.code).toBe(0);
  });
});
