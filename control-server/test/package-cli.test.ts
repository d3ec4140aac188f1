import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Guest, Snapshot } from '@ceremony/shared';
import { PINS, http, startServer, tempDir } from './helpers.js';
import { killHard, runCli as cli, spawnServer, type ServerProcess } from './process.js';

const running: ServerProcess[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) await killHard(p);
});

/** The scenario and guests a data folder holds, read by a server booted on it. */
async function contents(dataDir: string): Promise<{ snapshot: Snapshot; guests: Guest[] }> {
  const s = await startServer({ dataDir });
  try {
    const token = s.token('admin');
    const snapshot = (await http(`${s.url}/api/show`, { token })).body as Snapshot;
    const guests = (await http(`${s.url}/api/guests`, { token })).body.guests as Guest[];
    return { snapshot, guests };
  } finally {
    await s.stop();
  }
}

describe('export-package and import-package on the command line', () => {
  it('moves a ceremony between two data folders directly, and into a running server', async () => {
    const office = tempDir();
    const hall = tempDir();
    const folder = tempDir();
    const exported = await cli(office, folder, 'export-package', 'вечер.ceremony');
    expect(exported.out).toContain('Церемония записана');
    expect(exported.code).toBe(0);
    fs.writeFileSync(path.join(office, 'media', 'фото.png'), Buffer.from('not really a png'));
    expect((await cli(office, folder, 'export-package', 'вечер.ceremony')).code).toBe(0);

    const dry = await cli(hall, folder, 'import-package', 'вечер.ceremony', '--dry-run');
    expect(dry.out).toContain('Проверка пройдена');
    expect(dry.out).toMatch(/добавится 1, заменится 0/);
    expect(dry.code).toBe(0);
    const done = await cli(hall, folder, 'import-package', 'вечер.ceremony');
    expect(done.out).toContain('Церемония загружена');
    expect(done.code).toBe(0);
    const want = await contents(office);
    const got = await contents(hall);
    expect(got.snapshot.scenario).toEqual(want.snapshot.scenario);
    expect(got.guests).toEqual(want.guests);
    expect(fs.readFileSync(path.join(hall, 'media', 'фото.png'), 'utf8')).toBe('not really a png');

    fs.writeFileSync(
      path.join(folder, 'обрезан.ceremony'),
      fs.readFileSync(path.join(folder, 'вечер.ceremony')).subarray(0, 2000),
    );
    const cut = await cli(hall, folder, 'import-package', 'обрезан.ceremony');
    expect(cut.code).toBe(1);
    expect(cut.out).toMatch(/обрезан|не файл церемонии/);

    const live = tempDir();
    const server = await spawnServer(live, { HTTPS_PORT: 'off' });
    running.push(server);
    const remote = await cli(live, folder, 'import-package', 'вечер.ceremony');
    expect(remote.out).toContain('Сервер работает');
    expect(remote.out).toContain('Церемония загружена');
    expect(remote.code).toBe(0);
    const token = (await http(`${server.url}/api/session`, { method: 'POST', json: { pin: PINS.admin } }))
      .body.token;
    expect((await http(`${server.url}/api/guests`, { token })).body.guests).toEqual(want.guests);
    const back = await cli(live, folder, 'export-package', 'из-зала.ceremony');
    expect(back.code).toBe(0);
    expect(fs.statSync(path.join(folder, 'из-зала.ceremony')).size).toBeGreaterThan(1000);
  }, 120_000);
});
