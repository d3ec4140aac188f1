import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Guest } from '@ceremony/shared';
import { PINS, http, startServer, tempDir } from './helpers.js';
import { GARBAGE_ZIP, GUEST_ROWS, ROWS_WITH_NAMELESS_GUEST, workbook } from './workbook.js';

const CLI = path.resolve(import.meta.dirname, '..', 'src', 'cli.ts');

/** Runs `npm run cli -- import-guests …` as the organiser would, from the folder with the files. */
function importGuests(dataDir: string, cwd: string, ...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'import-guests', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, ADMIN_PIN: PINS.admin, INIT_CWD: cwd },
    encoding: 'utf8',
  });
  return { code: run.status, out: run.stdout + run.stderr };
}

async function guestsIn(dataDir: string): Promise<Guest[]> {
  const s = await startServer({ dataDir });
  try {
    return (await http(`${s.url}/api/guests`, { token: s.token('admin') })).body.guests;
  } finally {
    await s.stop();
  }
}

describe('npm run cli -- import-guests FILE.xlsx', () => {
  it('checks, imports and re-imports a workbook; a bad row or a broken file writes nothing', async () => {
    const dataDir = tempDir();
    const folder = tempDir();
    fs.writeFileSync(path.join(folder, 'гости.xlsx'), await workbook(GUEST_ROWS));
    fs.writeFileSync(path.join(folder, 'с ошибкой.xlsx'), await workbook(ROWS_WITH_NAMELESS_GUEST));
    // Named .csv, but the bytes are a workbook: the bytes decide.
    fs.writeFileSync(path.join(folder, 'выгрузка.csv'), await workbook(GUEST_ROWS));
    fs.writeFileSync(path.join(folder, 'битый.xlsx'), GARBAGE_ZIP);
    const map = ['--map', 'Должность=ignore'];

    const bad = importGuests(dataDir, folder, 'с ошибкой.xlsx', ...map);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('Книга Excel (.xlsx), первый лист; строк: 4');
    expect(bad.out).toContain('строка 6: Пустое ФИО.');
    expect(bad.out).toContain('Ничего не записано.');

    const dry = importGuests(dataDir, folder, 'гости.xlsx', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('Неизвестные столбцы: Должность');
    expect(dry.out).toContain('Место → seat');
    expect(dry.out).toContain('Проверка пройдена (ничего не записано): новых 3');

    const broken = importGuests(dataDir, folder, 'битый.xlsx');
    expect(broken.code).toBe(1);
    expect(broken.out).toContain('Файл не читается как книга Excel (.xlsx)');
    expect(broken.out).toContain('Ничего не записано.');
    const demo = await guestsIn(dataDir);

    const first = importGuests(dataDir, folder, 'гости.xlsx', ...map);
    expect(first.out).toContain('Загружено: новых 3, обновлено 0');
    expect(first.code).toBe(0);
    const again = importGuests(dataDir, folder, 'выгрузка.csv', ...map);
    // The export, read back: the same guests, categories in words included, change nothing.
    expect(again.out).toContain('Загружено: новых 0, обновлено 0, без изменений 3');

    const after = await guestsIn(dataDir);
    expect(after).toHaveLength(demo.length + 3);
    expect(after.find((g) => g.name === 'Алёна Сергеевна Ёжикова')).toMatchObject({
      seat: '12',
      phone: '79001112233',
      consent: true,
    });
  });
});
