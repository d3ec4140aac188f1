/**
 * The baseline: a bare Socket.IO server doing the least version of our work, with the same
 * options (buffer size, ping timings) and the same payloads. No auth, no validation, no SQLite:
 * GO is a plain io.emit of the next ShowState, a scan is a plain acknowledged echo.
 */
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Server } from 'socket.io';
// The module, not the package: the bare server stays bare (none of our schemas or dictionaries).
import { HUB_PING_INTERVAL_MS, HUB_PING_TIMEOUT_MS } from '../../shared/src/hubMove.js';
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
  pingInterval: HUB_PING_INTERVAL_MS,
  pingTimeout: HUB_PING_TIMEOUT_MS,
  serveClient: false,
});

type Commit = (s: Fixture['state']) => Promise<void>;

/**
 * BARE_COMMIT=sqlite|postgres: each GO is first committed durably, as ours is, and only then
 * broadcast: one row updated in a SQLite file in DATA_DIR with WAL and synchronous=FULL (our
 * settings), or one UPDATE on BARE_DATABASE_URL (fsync and synchronous_commit on). The least a server
 * can do that never shows a GO it has not saved: what is left of ours beyond it is our own work.
 * The drivers are loaded from BARE_MODULES (a package.json beside node_modules): this file is bundled
 * into the temp folder, where no node_modules are.
 */
async function durableCommit(kind: string | undefined): Promise<Commit | null> {
  if (!kind) return null;
  const load = createRequire(process.env.BARE_MODULES!);
  if (kind === 'sqlite') {
    const Database = load('better-sqlite3') as typeof import('better-sqlite3');
    const db = new Database(path.join(process.env.DATA_DIR!, 'bare.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`CREATE TABLE show (id INTEGER PRIMARY KEY, revision INTEGER, json TEXT);
             INSERT INTO show VALUES (1, 0, '{}');`);
    const write = db.prepare('UPDATE show SET revision = ?, json = ? WHERE id = 1');
    return async (s) => void write.run(s.revision, JSON.stringify(s));
  }
  const pg = load('pg') as typeof import('pg');
  const pool = new pg.Pool({ connectionString: process.env.BARE_DATABASE_URL, max: 2 });
  await pool.query(`CREATE TABLE bare_show (id int PRIMARY KEY, revision int, json text);
                    INSERT INTO bare_show VALUES (1, 0, '{}');`);
  return async (s) =>
    void (await pool.query({
      name: 'bare-go',
      text: 'UPDATE bare_show SET revision = $1, json = $2 WHERE id = 1',
      values: [s.revision, JSON.stringify(s)],
    }));
}
const commit = await durableCommit(process.env.BARE_COMMIT);

type Ack = (answer: object) => void;
io.on('connection', (socket) => {
  socket.emit('show:snapshot', { scenario: fixture.scenario, state });
  socket.on('show:go', async (_payload: unknown, ack: Ack) => {
    state = { ...state, revision: state.revision + 1, cueStartedAt: Date.now() };
    if (commit) await commit(state);
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
