import crypto from 'node:crypto';
import fc from 'fast-check';
import { z } from 'zod';
import type { TestServer } from '../helpers.js';

/**
 * Everything a bad message could have changed: the show state and every row of every table
 * (found at run time, so tables other engineers add are covered). Devices are left out: the
 * server notes when a device was last seen, and that is allowed to move.
 */
export function fingerprint(s: TestServer): string {
  const db = s.app.db;
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
    }[]
  )
    .map((t) => t.name)
    .filter((t) => t !== 'devices')
    .sort();
  const hash = crypto.createHash('sha256');
  hash.update(JSON.stringify(s.app.show.current()));
  for (const t of tables)
    hash.update(`${t}:${JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).raw().all())}`);
  return hash.digest('hex');
}

/** Strings that have broken servers before: direction marks, zero-width, lone surrogates, NUL, markup. */
export const oddString = fc.oneof(
  fc.constantFrom(
    '\u202Eперевёрнутый текст',
    'ab\u200B\u200C\u200Dcd\uFEFF',
    '\uD800',
    'x\uDFFFy',
    'a\u0000b',
    '<img src=x onerror=alert(1)>',
    '"; DROP TABLE guests; --',
    '__proto__',
    'constructor',
    '%s%n%x',
    '😀'.repeat(300),
    'ё'.repeat(5000),
  ),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  // Up to 200 KB of UTF-8: huge, yet under the 256 KB Socket.IO limit (over it is its own test).
  fc.integer({ min: 1_000, max: 100_000 }).map((n) => 'я'.repeat(n)),
);

/** Objects and arrays nested up to a thousand levels deep. */
export const deepNesting = fc.integer({ min: 2, max: 1000 }).map((depth) => {
  let v: unknown = 'дно';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
});

/** Any value a client could send: JSON-ish values, odd strings, deep nesting, binary. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3, maxKeys: 4, withNullPrototype: true, withBigInt: false }),
  oddString,
  deepNesting,
  fc.constantFrom(null, undefined, true, 0, -1, 1.5, NaN, Infinity, -0, 2 ** 53, []),
  fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
);

/** What the server receives after Socket.IO's JSON encoding (undefined dropped, NaN → null, …). */
export function onTheWire(value: unknown): unknown {
  if (value === undefined) return null;
  const hasBinary = (v: unknown, depth = 0): boolean =>
    depth < 5 &&
    (Buffer.isBuffer(v) ||
      (typeof v === 'object' && v !== null && Object.values(v).some((x) => hasBinary(x, depth + 1))));
  if (hasBinary(value)) return value;
  return JSON.parse(JSON.stringify(value) ?? 'null');
}

/** The field names a schema knows (objects, and unions of objects), to build near-miss payloads. */
export function fieldsOf(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodUnion)
    return [...new Set(schema.options.flatMap((o) => fieldsOf(o as z.ZodType)))];
  return [];
}

/** Objects with the schema's own field names holding any values, plus a few extra fields. */
export function nearMiss(schema: z.ZodType, extraKeys = fc.string({ maxLength: 12 })): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      fc.record(Object.fromEntries(fieldsOf(schema).map((f) => [f, anyValue])), { requiredKeys: [] }),
      fc.dictionary(extraKeys, anyValue, { maxKeys: 3 }),
    )
    .map(([own, extra]) => ({ ...extra, ...own }));
}
