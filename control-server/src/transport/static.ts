import fs from 'node:fs';
import path from 'node:path';
import express from 'express';

export const APPS = [
  { mount: '/host', folder: 'host-console' },
  { mount: '/display', folder: 'stage-display' },
  { mount: '/checkin', folder: 'check-in' },
] as const;

/**
 * Serves each built app at its path, with a fallback to its index.html for client-side routes
 * (/checkin/feedback). A missing build gets a plain hint instead of a 404 maze.
 */
export function mountApps(app: express.Express, appsDir: string): void {
  for (const { mount, folder } of APPS) {
    const dist = path.join(appsDir, folder, 'dist');
    const index = path.join(dist, 'index.html');
    app.use(mount, express.static(dist, { index: 'index.html', maxAge: '1h', setHeaders: noCacheHtml }));
    app.get(`${mount}/{*rest}`, (_req, res) => {
      if (fs.existsSync(index)) res.set('cache-control', 'no-cache').sendFile(index);
      else
        res
          .status(503)
          .type('text/plain; charset=utf-8')
          .send(`Приложение не собрано: выполните npm run build (${folder}).`);
    });
  }
  app.get('/', (_req, res) => res.redirect('/host/'));
}

function noCacheHtml(res: express.Response, file: string): void {
  // index.html names the hashed bundles: it must never be stale after a rebuild.
  if (file.endsWith('.html') || file.endsWith('sw.js')) res.setHeader('cache-control', 'no-cache');
}
