/**
 * The baseline: a bare Socket.IO server doing the least version of our work, with the same
 * options (buffer size, ping timings) and the same payloads. No auth, no validation, no SQLite:
 * GO is a plain io.emit of the next ShowState, a scan is a plain acknowledged echo.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { loopDelayOnSignal, recordLoopDelay } from '../src/loop-delay.js';
import { writeRunRecord } from '../src/server.record.js';

interface Fixture {
  scenario: unknown;
  /** What a display may read of it with the first cue live (bench/tail.ts fills it). */
  displayScenario?: unknown;
  /** What changes in a display's view from the first cue to the second: the `view` of its `show:state`. */
  displayDelta?: object;
  state: { revision: number; cueStartedAt: number | null };
  scanResult: unknown;
}

const fixture = JSON.parse(fs.readFileSync(process.env.BENCH_FIXTURE!, 'utf8')) as Fixture;
let state = fixture.state;
/**
 * BARE_SNAPSHOT=1: each GO also sends every socket a display's snapshot first, as our protocol does
 * when a display's view changes with the cue (its notes, an award's laureates). It tells how much of
 * our GO's time is that message (paid by the clients too) and how much is our server's own work.
 */
const withSnapshot = process.env.BARE_SNAPSHOT === '1';
/** BARE_VIEW=1: each GO's state carries a display's per-cue view delta (`view`), as ours does since protocol 3. */
const withView = process.env.BARE_VIEW === '1';

const server = http.createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(req.url === '/api/health' ? '{"ok":true}' : '{"ok":false}');
});
const io = new Server(server, {
  maxHttpBufferSize: 256 * 1024,
  pingInterval: 5000,
  pingTimeout: 5000,
  serveClient: false,
});

type Ack = (answer: object) => void;
io.on('connection', (socket) => {
  socket.emit('show:snapshot', { scenario: fixture.scenario, state });
  socket.on('show:go', (_payload: unknown, ack: Ack) => {
    state = { ...state, revision: state.revision + 1, cueStartedAt: Date.now() };
    if (withSnapshot)
      io.emit('show:snapshot', { scenario: fixture.displayScenario ?? fixture.scenario, state });
    io.emit('show:state', withView ? { ...state, view: fixture.displayDelta } : state);
    ack({ ok: true, state });
  });
  socket.on('show:resync', (_payload: unknown, ack: Ack) =>
    ack({ ok: true, scenario: fixture.scenario, state }),
  );
  socket.on('checkin:scan', (_payload: unknown, ack: Ack) => ack({ ok: true, result: fixture.scanResult }));
});

// The same event-loop delay figures as ours (SIGUSR2 → DATA_DIR/loop-delay.json), read beside every figure.
loopDelayOnSignal(process.env.DATA_DIR!, recordLoopDelay());

// Tells its port the way our server does (DATA_DIR/server.json), so the harness treats both alike.
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  writeRunRecord(process.env.DATA_DIR!, { pid: process.pid, port, host: '127.0.0.1', startedAt: Date.now() });
});
