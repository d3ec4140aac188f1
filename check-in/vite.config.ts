import fs from 'node:fs';
import crypto from 'node:crypto';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes dist/sw.js from sw/sw.template.js with the list of every built file, so the service
 * worker can keep the whole app shell (the lazily loaded camera code included) on the phone.
 */
function serviceWorker(): Plugin {
  return {
    name: 'checkin-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => f !== 'index.html' && !f.endsWith('.map'))
        .sort();
      const publicFiles = fs.readdirSync(new URL('./public', import.meta.url));
      const all = [...files, ...publicFiles];
      const version = crypto.createHash('sha256').update(all.join('\n')).digest('hex').slice(0, 12);
      const template = fs.readFileSync(new URL('./sw/sw.template.js', import.meta.url), 'utf8');
      const source = template
        .replace('const PRECACHE = __PRECACHE__;', `const PRECACHE = ${JSON.stringify(all)};`)
        .replace("'checkin-__VERSION__'", `'checkin-${version}'`);
      if (source.includes('__VERSION__') || source.includes('= __PRECACHE__'))
        throw new Error('sw.template.js: a placeholder was not filled in');
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

// In production the control-server serves this build at /checkin/; `vite dev` forwards to one on :8080.
export default defineConfig({
  base: '/checkin/',
  plugins: [react(), serviceWorker()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/socket.io': { target: 'http://127.0.0.1:8080', ws: true },
    },
  },
});
