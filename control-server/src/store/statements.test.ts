import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase, type Db } from './db.js';
import { stmt } from './statements.js';

const opened: { db: Db; dir: string }[] = [];
const open = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceremony-stmt-'));
  const { db } = openDatabase(dir);
  opened.push({ db, dir });
  return db;
};
afterEach(() => {
  for (const { db, dir } of opened.splice(0)) {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it('compiles one SQL text once per connection, and a plain prepare stays a statement of its own', () => {
  const a = open();
  const b = open();
  const sql = 'SELECT COUNT(*) AS n FROM guests';
  expect(stmt(a, sql)).toBe(stmt(a, sql));
  expect(stmt(a, sql)).not.toBe(stmt(b, sql));
  expect(stmt(a, sql)).not.toBe(stmt(a, 'SELECT COUNT(*) AS n FROM feedback'));
  expect(a.prepare(sql)).not.toBe(stmt(a, sql));
  expect(stmt(a, sql).get()).toEqual({ n: 0 });
});
