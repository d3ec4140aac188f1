import fs from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { http, PINS, tempDir } from './helpers.js';
import { oscSender } from './booth-kit.js';
import { killHard, printed, spawnServer, type ServerProcess } from './process.js';

let server: ServerProcess | undefined;
let dir: string | undefined;
afterEach(async () => {
  if (server) await killHard(server);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  server = dir = undefined;
});

/** OSC_IN_PORT and OSC_ALLOW read from the environment, as `npm start` runs on the day. */
it('the server started with OSC_IN_PORT takes a GO over OSC and says where it listens', async () => {
  dir = tempDir();
  server = await spawnServer(dir, { OSC_IN_PORT: '0', OSC_ALLOW: '127.0.0.1' });
  // The banner is what the sound engineer reads; the run record comes first, so wait for the line.
  const port = Number((await printed(server, /OSC: команды по UDP порт (\d+) от 127\.0\.0\.1/))[1]);
  expect(port).toBeGreaterThan(0);
  const host = (await http(`${server.url}/api/session`, { method: 'POST', json: { pin: PINS.host } })).body
    .token;
  const sender = await oscSender();
  await sender.send(port, '/ceremony/go');
  // UDP into another process: ask until the GO shows (it must, within the deadline).
  const deadline = Date.now() + 10_000;
  let state = (await http(`${server.url}/api/show/state`, { token: host })).body;
  while (state.revision === 0 && Date.now() < deadline)
    state = (await http(`${server.url}/api/show/state`, { token: host })).body;
  await sender.close();
  expect(state).toMatchObject({ revision: 1, status: 'running', cue: { index: 0 } });
});
