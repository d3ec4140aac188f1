import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '@ceremony/shared';
import { PINS, connectAs, http, startServer, tempDir, type TestSocket } from './helpers.js';
import { killHard, runCli, spawnServer, type ServerProcess } from './process.js';

/** `npm run cli -- …` on the data folder, typed from a folder of its own. */
const cli = (dataDir: string, ...args: string[]) => runCli(dataDir, tempDir(), ...args);

const running: ServerProcess[] = [];
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const p of running.splice(0)) await killHard(p);
});

/** The ceremony a server started on the folder loads (then stopped: the CLI works on the file). */
async function ceremonyIn(dataDir: string): Promise<Snapshot['scenario']> {
  const s = await startServer({ dataDir });
  const { scenario } = s.app.show.snapshot();
  await s.stop();
  return scenario;
}

/** A data folder holding the demo, with no server on it. */
async function demoFolder(): Promise<string> {
  const s = await startServer();
  await s.stop();
  return s.dataDir;
}

describe('npm run cli -- new-ceremony', () => {
  it('on the data folder itself: without --yes it only says what would go; with --yes the next server loads it', async () => {
    const dataDir = await demoFolder();
    const args = ['new-ceremony', '--title', 'Светлые люди — 2027', '--starts', '2027-12-12 18:00'];
    const asked = await cli(dataDir, ...args);
    expect(asked.code).toBe(2);
    expect(asked.out).toMatch(
      /удалит: 44 номинанта, 130 гостей, \d+ кадр(а|ов) программы, 1 видеофайл демо\. Номинации и площадки останутся/,
    );
    expect(asked.out).toContain('Ничего не изменено');
    expect((await ceremonyIn(dataDir)).ceremony.demo).toBe(true);

    const done = await cli(dataDir, ...args, '--yes');
    expect(done.out).toContain('Начата новая церемония «Светлые люди — 2027»');
    expect(done.code).toBe(0);
    const scenario = await ceremonyIn(dataDir);
    expect(scenario.ceremony).toMatchObject({
      title: 'Светлые люди — 2027',
      startsAt: new Date(2027, 11, 12, 18, 0).getTime(),
    });
    expect(scenario.ceremony.demo).toBeUndefined();
    expect(scenario.nominees).toEqual([]);
  });

  it('refuses a date it cannot read, changing nothing', async () => {
    const dataDir = await demoFolder();
    const res = await cli(dataDir, 'new-ceremony', '--title', 'Вечер', '--starts', '12.12.2027', '--yes');
    expect(res.code).toBe(1);
    expect(res.out).toContain('2026-12-12 18:00');
    expect((await ceremonyIn(dataDir)).ceremony.demo).toBe(true);
  });

  it('beside a running server: through it, so every screen gets the new ceremony; refused while the show runs', async () => {
    const dataDir = tempDir();
    const server = await spawnServer(dataDir, { HTTPS_PORT: 'off' });
    running.push(server);
    const admin = (await http(`${server.url}/api/session`, { method: 'POST', json: { pin: PINS.admin } }))
      .body.token as string;
    const host = (await http(`${server.url}/api/session`, { method: 'POST', json: { pin: PINS.host } })).body
      .token as string;

    // While the show runs: refused, and the server still holds the demo.
    await http(`${server.url}/api/show/go`, { method: 'POST', token: host, json: {} });
    const refused = await cli(dataDir, 'new-ceremony', '--title', 'Вечер', '--yes');
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('Сервер работает');
    expect(refused.out).toContain('Шоу идёт');
    await http(`${server.url}/api/admin/rehearsal/end`, {
      method: 'POST',
      token: admin,
      json: { arrivals: 'clear' },
    });

    const screen = await connectAs(server.url, { token: admin }, sockets);
    const told = new Promise<Snapshot>((resolve) =>
      screen.on('show:snapshot', (snap) => snap.scenario.ceremony.title === 'Вечер' && resolve(snap)),
    );
    const done = await cli(dataDir, 'new-ceremony', '--title', 'Вечер', '--yes');
    expect(done.out).toContain('Сервер работает');
    expect(done.out).toContain('Начата новая церемония «Вечер»');
    expect(done.code).toBe(0);
    const snap = await told;
    expect(snap.scenario.nominees).toEqual([]);
    expect((await http(`${server.url}/api/guests`, { token: admin })).body.guests).toEqual([]);
  });
});
