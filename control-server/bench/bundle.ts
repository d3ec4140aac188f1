/** Initial JavaScript of each built app, gzipped: what the page loads before it can paint. */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const APPS = { host: 'host-console', display: 'stage-display', checkin: 'check-in' } as const;

/** Static imports in a built chunk (`import"./a.js"`, `import{x}from"./b.js"`); `import("…")` is lazy. */
function staticImports(code: string): string[] {
  const found: string[] = [];
  const re = /(?:^|[;\s})])(?:import|export)\s*(?:[\w$*{}\s,]*?from\s*)?["']([^"']+\.js)["']/g;
  for (let m = re.exec(code); m; m = re.exec(code)) found.push(m[1]!);
  return found;
}

/** Gzipped bytes of the entry script, its modulepreloads and everything they import statically. */
export function initialJsGzip(app: keyof typeof APPS): { bytes: number; files: string[] } {
  const dist = path.join(ROOT, APPS[app], 'dist');
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const refs = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1]!);
  // index.html names files under the app's base (/host/assets/…); on disk they sit in dist/assets.
  const toFile = (ref: string) => path.join(dist, 'assets', path.basename(ref.split('?')[0]!));
  const seen = new Set<string>();
  const queue = refs.map(toFile);
  while (queue.length && seen.size < 500) {
    const file = queue.shift()!;
    if (seen.has(file) || !fs.existsSync(file)) continue;
    seen.add(file);
    const code = fs.readFileSync(file, 'utf8');
    for (const rel of staticImports(code)) queue.push(path.resolve(path.dirname(file), rel));
  }
  let bytes = 0;
  for (const file of seen) bytes += gzipSync(fs.readFileSync(file), { level: 9 }).length;
  return { bytes, files: [...seen].map((f) => path.relative(ROOT, f)) };
}

/** The bare baseline: the minified Socket.IO browser client alone, gzipped. */
export function bareClientGzip(): number {
  const file = path.join(ROOT, 'node_modules', 'socket.io-client', 'dist', 'socket.io.esm.min.js');
  return gzipSync(fs.readFileSync(file), { level: 9 }).length;
}
