import fs from 'node:fs';
import { createRequire } from 'node:module';

/** What printed pages (badges, the report) share: HTML escaping and the Cyrillic font. */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML content and attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

let faces: string | null = null;

/**
 * PT Sans (Cyrillic and Latin, regular and bold) inlined as data URLs, so a printed page looks the
 * same on any computer and needs nothing else from the server. Plain fallbacks if it is missing.
 */
export function printFontFaces(): string {
  if (faces !== null) return faces;
  const require = createRequire(import.meta.url);
  const out: string[] = [];
  for (const subset of ['cyrillic', 'latin'])
    for (const weight of [400, 700]) {
      try {
        const file = require.resolve(`@fontsource/pt-sans/files/pt-sans-${subset}-${weight}-normal.woff2`);
        const data = fs.readFileSync(file).toString('base64');
        out.push(
          `@font-face{font-family:'PT Sans';font-weight:${weight};font-style:normal;` +
            `src:url(data:font/woff2;base64,${data}) format('woff2');` +
            `unicode-range:${subset === 'cyrillic' ? 'U+0400-045F,U+0490-0491,U+04B0-04B1,U+2116' : 'U+0000-00FF,U+2000-206F,U+20AC,U+2212'};}`,
        );
      } catch {
        // Without the font package the page falls back to the system's sans-serif.
      }
    }
  faces = out.join('\n');
  return faces;
}
