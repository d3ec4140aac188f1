import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpShowCommandSchemas, ReissueUndoSchema, SessionRequestSchema } from '@ceremony/shared';
import { type Answered, startServer, type TestServer } from '../helpers.js';
import { anyValue, deepNesting, fingerprint, nearMiss, oddString, onTheWire } from './fingerprint.js';

let s: TestServer;
let admin: string;
beforeAll(async () => {
  s = await startServer();
  admin = s.token('admin');
});
afterAll(() => s.stop());

/**
 * Every POST route of the server's routers (all mounted under /api), read from the source at run
 * time, so endpoints other engineers add are fuzzed too. `/show/${name}` expands to the commands.
 */
function postRoutes(): string[] {
  const dir = path.resolve(import.meta.dirname, '..', '..', 'src', 'transport');
  const found = new Set<string>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const code = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const m of code.matchAll(/\.post\(\s*['"`]([^'"`]+)['"`]/g)) {
      const route = m[1]!;
      if (route.includes('${name}')) {
        for (const name of Object.keys(HttpShowCommandSchemas))
          found.add(`/api${route.replace('${name}', name)}`);
      } else found.add(`/api${route}`);
    }
  }
  return [...found].sort();
}

/** The body endpoints we know, with their schema where it is a JSON one (to skip valid bodies). */
const KNOWN: Record<string, z.ZodType | 'csv' | 'no-body'> = {
  '/api/session': SessionRequestSchema,
  '/api/show/go': HttpShowCommandSchemas.go,
  '/api/show/back': HttpShowCommandSchemas.back,
  '/api/show/goto': HttpShowCommandSchemas.goto,
  '/api/show/blackout': HttpShowCommandSchemas.blackout,
  '/api/guests/import': 'csv',
  '/api/admin/guests/:id/reissue-badge': 'no-body',
  '/api/admin/guests/:id/reissue-badge/undo': ReissueUndoSchema,
  '/api/admin/devices/:id/revoke': 'no-body',
};

async function post(path: string, body: string, contentType = 'application/json') {
  const url = `${s.url}${path.replace(/:(\w+)/g, 'no-such-$1')}`;
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': contentType },
    body,
  });
  const text = await res.text();
  let json: Answered = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* checked below: every answer must be JSON */
  }
  return { status: res.status, json, text };
}

/**
 * Bodies that are never a valid JSON object: other JSON values, broken JSON, odd text. Not the
 * empty body: that is "no body", which a hardware GO button sends on purpose (http.test.ts).
 */
const notAnObject = fc
  .oneof(
    anyValue
      .filter((v) => typeof onTheWire(v) !== 'object' || Array.isArray(onTheWire(v)) || onTheWire(v) === null)
      .map((v) => JSON.stringify(onTheWire(v))),
    deepNesting.map((v) => JSON.stringify([v])),
    oddString,
    fc.constantFrom('{', '{"a":', '[1,2', '{"pin":"1"', 'null', '\u0000', '{"__proto__":{"admin":true}}'),
  )
  .filter((body) => body !== '');

describe('every POST body endpoint under /api', () => {
  it('finds every endpoint mounted (none answers the catch-all "no such API address")', async () => {
    const routes = postRoutes();
    expect(routes).toEqual(expect.arrayContaining(Object.keys(KNOWN)));
    console.log(`POST endpoints fuzzed: ${routes.join(', ')}`);
    for (const route of routes) {
      const r = await post(route, '[]'); // valid for no endpoint: nothing may happen
      expect(r.json?.error?.message ?? '', route).not.toMatch(/Нет такого адреса API/);
    }
  });

  it('answers malformed bodies with a JSON 4xx and changes nothing, on every endpoint', async () => {
    const routes = postRoutes().filter((r) => r !== '/api/session'); // wrong PINs count towards the brake
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), notAnObject, async (route, body) => {
        const before = fingerprint(s);
        const r = await post(route, body, route === '/api/guests/import' ? 'text/csv' : 'application/json');
        expect(r.status, `${route} ${r.text.slice(0, 200)}`).toBeLessThan(500);
        expect(r.json, `${route} answered non-JSON: ${r.text.slice(0, 100)}`).not.toBeNull();
        if (r.status >= 400) expect(r.json.ok).toBe(false);
        else expect(r.json.errors?.length ?? 0, `${route} accepted ${body.slice(0, 80)}`).toBeGreaterThan(0);
        expect(fingerprint(s), route).toBe(before);
      }),
      { numRuns: 100 },
    );
  });

  it.each(Object.entries(KNOWN).filter(([, v]) => typeof v === 'object'))(
    '%s: INVALID_PAYLOAD for bodies of the right shape with wrong values',
    async (route, schema) => {
      const shaped = nearMiss(schema as z.ZodType, oddString)
        .map(onTheWire)
        .filter((b) => !(schema as z.ZodType).safeParse(b).success);
      await fc.assert(
        fc.asyncProperty(shaped, async (body) => {
          const before = fingerprint(s);
          const r = await post(route, JSON.stringify(body));
          expect(r.json?.error?.code, r.text.slice(0, 200)).toBe(
            r.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'INVALID_PAYLOAD',
          );
          expect(fingerprint(s)).toBe(before);
        }),
        { numRuns: route === '/api/session' ? 8 : 30 },
      );
    },
  );

  it('refuses oversize bodies with 413 PAYLOAD_TOO_LARGE and changes nothing', async () => {
    const before = fingerprint(s);
    for (const route of postRoutes()) {
      const limit = route === '/api/guests/import' ? 6 * 1024 * 1024 : 3 * 1024 * 1024;
      const r = await post(route, JSON.stringify({ pin: 'я'.repeat(limit / 2) }));
      // The ceremony package is a GB upload by design, bounded by the free disk: a big non-tar is a 400;
      // its apply takes no body and answers a malformed id (`no-such-id`) with 400 before reading any.
      if (route.startsWith('/api/admin/package')) {
        expect(r.json.error.code).toBe('INVALID_PAYLOAD');
        continue;
      }
      expect([413, 401, 403, 404], `${route}: ${r.status}`).toContain(r.status);
      if (r.status === 413) expect(r.json.error.code).toBe('PAYLOAD_TOO_LARGE');
    }
    expect(
      (await post('/api/show/go', JSON.stringify({ expectedRevision: 0, pad: 'x'.repeat(8000) }))).status,
    ).toBe(413);
    expect(fingerprint(s)).toBe(before);
  });
});
