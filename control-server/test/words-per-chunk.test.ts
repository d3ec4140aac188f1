import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';
import { ru } from '../../shared/src/i18n/ru.js';
import { checkinWordsRu } from '../../shared/src/i18n/words.checkin.js';
import { organiserWordsRu } from '../../shared/src/i18n/words.organiser.js';
import { APPS } from '../bench/bundle.js';

/**
 * Each app's first paint carries Russian's common words only; a group of words registers itself
 * when the chunk that says it loads (`shared/src/i18n/words.*.ts`). A word whose group that chunk
 * cannot have would show as its raw key (`prepare.media.drop`), so this test builds every app the
 * way production does and checks, chunk by chunk, that each key its code names is a word it has:
 * its own groups, those of the chunks it imports, and those every chunk that loads it already had.
 */

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const I18N = path.join(ROOT, 'shared', 'src', 'i18n');

/** The module that registers each group of Russian words, and the keys it brings. */
const GROUPS: Record<string, { module: string; keys: string[] }> = {
  common: { module: path.join(I18N, 'ru.ts'), keys: Object.keys(ru) },
  organiser: { module: path.join(I18N, 'words.organiser.ts'), keys: Object.keys(organiserWordsRu) },
  checkin: { module: path.join(I18N, 'words.checkin.ts'), keys: Object.keys(checkinWordsRu) },
};
const EVERY_KEY = Object.values(GROUPS).flatMap((g) => g.keys);
const groupOf = new Map(Object.entries(GROUPS).flatMap(([name, g]) => g.keys.map((k) => [k, name])));

/** Dictionaries hold keys as data; what counts is code that says one. */
const isDictionary = (id: string) =>
  id.startsWith(I18N) && /(\.ru|\.en|\/ru|\/en|\/words\.\w+|\/englishPlural)\.ts$/.test(id);

/** Keys a module's built code names: a literal key, or every key under a prefix it completes (`cue.${kind}`, 'cue.' + kind). */
function keysSaid(code: string): string[] {
  const said = new Set<string>();
  for (const m of code.matchAll(/["'`]([a-zA-Z][\w.]*)["'`]/g)) if (groupOf.has(m[1]!)) said.add(m[1]!);
  const prefixes = [
    ...[...code.matchAll(/`([a-zA-Z][\w.]*\.)\$\{/g)].map((m) => m[1]!),
    ...[...code.matchAll(/["']([a-zA-Z][\w.]*\.)["']\s*\+/g)].map((m) => m[1]!),
  ];
  for (const p of prefixes) for (const k of EVERY_KEY) if (k.startsWith(p)) said.add(k);
  return [...said];
}

interface Chunk {
  file: string;
  code: string;
  entry: boolean;
  imports: string[];
  dynamicImports: string[];
  modules: { id: string; code: string }[];
}

async function buildApp(app: string): Promise<{ chunks: Chunk[]; css: string }> {
  const root = path.join(ROOT, app);
  // vitest runs with NODE_ENV=test, which would build React's development code; build as `npm run build` does.
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  const out = await build({
    root,
    configFile: path.join(root, 'vite.config.ts'),
    mode: 'production',
    logLevel: 'silent',
    build: { write: false },
  }).finally(() => {
    process.env.NODE_ENV = before;
  });
  const files = ((Array.isArray(out) ? out : [out]) as Rolldown.RolldownOutput[]).flatMap((o) => o.output);
  const chunks = files.flatMap((c) =>
    c.type === 'chunk'
      ? [
          {
            file: c.fileName,
            code: c.code,
            entry: c.isEntry,
            imports: c.imports,
            dynamicImports: c.dynamicImports,
            modules: Object.entries(c.modules).map(([id, m]) => ({ id, code: m.code ?? '' })),
          },
        ]
      : [],
  );
  const css = files.flatMap((f) =>
    f.type === 'asset' && f.fileName.endsWith('.css') ? [String(f.source)] : [],
  );
  return { chunks, css: css.join('\n') };
}

/** The groups of words a chunk can count on, by the ways the page can come to load it. */
function wordsAvailable(chunks: Chunk[]): Map<string, Set<string>> {
  const byFile = new Map(chunks.map((c) => [c.file, c]));
  const closure = (file: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const f of byFile.get(file)?.imports ?? []) closure(f, seen);
    return seen;
  };
  const own = new Map(
    chunks.map((c) => {
      const ids = new Set([...closure(c.file)].flatMap((f) => byFile.get(f)!.modules.map((m) => m.id)));
      return [c.file, new Set(Object.keys(GROUPS).filter((g) => ids.has(GROUPS[g]!.module)))];
    }),
  );
  const loaders = (file: string) =>
    chunks.filter((c) => c.imports.includes(file) || c.dynamicImports.includes(file));
  const available = new Map([...own].map(([f, g]) => [f, new Set(g)]));
  // A chunk has what every chunk that loads it had; a few rounds reach the fixed point of a small graph.
  for (let round = 0; round < chunks.length; round++) {
    for (const c of chunks) {
      const from = loaders(c.file);
      if (c.entry || from.length === 0) continue;
      const shared = Object.keys(GROUPS).filter((g) => from.every((p) => available.get(p.file)!.has(g)));
      for (const g of shared) available.get(c.file)!.add(g);
    }
  }
  return available;
}

describe('every word a chunk says is one the page has when that chunk runs', () => {
  for (const app of Object.values(APPS)) {
    it(`${app}: no raw keys; the first paint within 150 KB gzipped, with the no-eval switch and the theme`, async () => {
      const { chunks, css } = await buildApp(app);
      const available = wordsAvailable(chunks);
      const missing: string[] = [];
      let said = 0;
      for (const c of chunks) {
        for (const m of c.modules) {
          if (isDictionary(m.id)) continue;
          for (const key of keysSaid(m.code)) {
            said++;
            if (!available.get(c.file)!.has(groupOf.get(key)!))
              missing.push(`${key} (${groupOf.get(key)}) in ${path.relative(ROOT, m.id)} → ${c.file}`);
          }
        }
      }
      expect(missing).toEqual([]);
      // The scan found the words the screens say (dozens to hundreds per app), so an empty list means something.
      expect(said).toBeGreaterThan(50);
      // The target the bench reports (docs/BENCHMARKS.md «Initial JS»: the entry and what it imports
      // statically, gzipped at level 9), so a regression shows in the tests, not months later.
      const byFile = new Map(chunks.map((c) => [c.file, c]));
      const initial = new Set<string>();
      const visit = (f: string) => {
        if (initial.has(f)) return;
        initial.add(f);
        byFile.get(f)!.imports.forEach(visit);
      };
      chunks.filter((c) => c.entry).forEach((c) => visit(c.file));
      const gzipped = [...initial].reduce(
        (n, f) => n + gzipSync(byFile.get(f)!.code, { level: 9 }).length,
        0,
      );
      // shared/package.json names what must run though nothing uses a value of it; a wrong
      // `sideEffects` list drops it silently: zod's no-eval switch (the CSP) and the theme.
      const firstPaint = [...initial].flatMap((f) => byFile.get(f)!.modules.map((m) => m.id));
      expect(firstPaint).toContain(path.join(ROOT, 'shared', 'src', 'ui', 'jitless.ts'));
      expect(css).toContain('--cer-bg:');
      expect(gzipped / 1024).toBeLessThanOrEqual(150);
    });
  }
});
