/**
 * The least a server can do with an upload: stream the body into a new file, fsync, answer 201.
 * `npm run bench:media` compares PUT /api/admin/media/{name} with this, same bytes, same disk.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { writeRunRecord } from '../src/server.record.js';

const dir = process.env.UPLOAD_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ceremony-bare-upload-'));
const server = http.createServer((req, res) => {
  if (req.method !== 'PUT') return void res.end('{"ok":true}');
  void (async () => {
    // flush: fsync before close, as the library does before it answers 201.
    await pipeline(
      req,
      fs.createWriteStream(path.join(dir, `upload-${(req.url ?? '').replace(/\W/g, '')}`), {
        flags: 'wx',
        flush: true,
      }),
    );
    res.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}');
  })();
});
// Tells its port the way our server does (DATA_DIR/server.json), so the harness treats both alike.
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  writeRunRecord(process.env.DATA_DIR!, { pid: process.pid, port, host: '127.0.0.1', startedAt: Date.now() });
});
