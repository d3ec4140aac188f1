import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '@ceremony/shared';
import { PINS, http, startServer, tempDir } from './helpers.js';

const CLI = path.resolve(import.meta.dirname, '..', 'src', 'cli.ts');

/** Runs `npm run cli -- import-nominees …` as the organiser would, from the folder with the file. */
function importNominees(dataDir: string, cwd: string, ...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'import-nominees', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, ADMIN_PIN: PINS.admin, INIT_CWD: cwd },
    encoding: 'utf8',
  });
  return { code: run.status, out: run.stdout + run.stderr };
}

async function scenarioIn(dataDir: string): Promise<Scenario> {
  const s = await startServer({ dataDir });
  try {
    return (await http(`${s.url}/api/show`, { token: s.token('admin') })).body.scenario;
  } finally {
    await s.stop();
  }
}

describe('npm run cli -- import-nominees FILE', () => {
  it('checks, then imports; a bad row writes nothing', async () => {
    const dataDir = tempDir();
    const folder = tempDir();
    const head = 'Номинант;Тип;Номинация;Лауреат;Заметка';
    fs.writeFileSync(path.join(folder, 'номинанты.csv'), `${head}\nКлёнова Ася;Житель;Здоровый город;да;x\n`);
    fs.writeFileSync(path.join(folder, 'ошибка.csv'), `${head}\nКлёнова Ася;Житель;Нет такой;;\n`);
    const demo = await scenarioIn(dataDir);

    const bad = importNominees(dataDir, folder, 'ошибка.csv');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('строка 2: Нет номинации «Нет такой»');
    expect(bad.out).toContain('Ничего не записано.');

    const dry = importNominees(dataDir, folder, 'номинанты.csv', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('Неизвестные столбцы: Заметка (не загружаются)');
    expect(dry.out).toContain('Проверка пройдена (ничего не записано): новых 1');
    expect((await scenarioIn(dataDir)).nominees).toEqual(demo.nominees);

    const real = importNominees(dataDir, folder, 'номинанты.csv');
    expect(real.out).toContain('Загружено номинантов: новых 1, обновлено 0, удалено 0');
    const after = await scenarioIn(dataDir);
    expect(after.nominees.find((n) => n.name === 'Клёнова Ася')).toMatchObject({
      kind: 'citizen',
      nominationId: 'nom-2',
      honoured: true,
    });
  });
});
