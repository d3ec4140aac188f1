import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  initialShowState,
  reduceShow,
  type Scenario,
  type ShowCommand,
  type ShowResult,
  type ShowState,
} from '@ceremony/shared';
import { seedDemoIfEmpty } from '../src/demo/seed.js';
import { openDatabase } from '../src/store/db.js';
import { PostgresScenarioStore } from '../src/store/postgres/scenario.store.js';
import { openSharedStore, type SharedStore } from '../src/store/postgres/shared.store.js';
import { HELD_UP_MS, PostgresShowStore, SHOW_CHANNEL } from '../src/store/postgres/show.store.js';
import { ShowRepository } from '../src/store/show.repository.js';
import type { ShowDecision } from '../src/store/store.js';
import { heldUp } from '../src/store/unavailable.js';
import { tempDir } from './helpers.js';
import { startPostgres, type TestPostgres } from './postgres.js';

/*
 * The GO in one round trip (show.store.ts): a store decides on the row it last read or wrote and
 * writes with one conditional statement; whenever that row is no longer the stored one, or the
 * engine refuses, the locked transaction decides again on the true row. Two store objects on one
 * real PostgreSQL play two hubs. Every statement the hubs' pools send is recorded, so a fallback
 * that should not have run (or a fast path that should not have) shows in the list.
 */
let server: TestPostgres;
let a: SharedStore;
let b: SharedStore;
let sql: pg.Pool;
let scenario: Scenario;
const sent = new Map<SharedStore, string[]>();

/** Records the text of every statement sent through the store's pool, whichever path sends it. */
function recordStatements(shared: SharedStore): void {
  const texts: string[] = [];
  sent.set(shared, texts);
  const wrapped = new WeakSet<object>();
  // 'acquire' comes before every check-out's first statement, pool.query's and inTransaction's alike.
  shared.pool.on('acquire', (client) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    const target = client as unknown as { query: (...args: unknown[]) => unknown };
    const query = target.query.bind(client);
    target.query = (...args: unknown[]) => {
      const first = args[0];
      texts.push(typeof first === 'string' ? first : String((first as { text?: string }).text));
      return query(...args);
    };
  });
}

/** The statements sent through `shared`'s pool since the last call began, first word only (WITH, BEGIN…). */
const firstWords = (shared: SharedStore): string[] =>
  sent.get(shared)!.map((t) => t.trim().split(/\s+/)[0]!.toUpperCase());

/** The statements a call sent through `shared`'s pool, first word only. */
async function statementsOf<T>(shared: SharedStore, run: () => Promise<T>): Promise<[T, string[]]> {
  sent.get(shared)!.length = 0;
  const answer = await run();
  return [answer, firstWords(shared)];
}

/** The engine as ShowService.apply runs it: every state it was asked to decide on is kept. */
function engine(command: ShowCommand, now: number, seen: ShowState[] = []) {
  return (stored: ShowState | null): ShowDecision<ShowResult> => {
    const current = stored ?? initialShowState();
    seen.push(current);
    const result = reduceShow(current, scenario, command, now);
    return result.ok
      ? { answer: result, write: { state: result.state, command, deviceId: 'host-1', now } }
      : { answer: result };
  };
}

const stored = async () =>
  (await sql.query<{ json: string; revision: number }>('SELECT json, revision FROM show_state')).rows[0]!;
const logLines = async () =>
  (
    await sql.query<{ hub: string; revision: number; command: string; device_id: string | null }>(
      'SELECT hub, revision, command, device_id FROM show_log ORDER BY id',
    )
  ).rows;

/** Waits (bounded) until `holds` is true. */
async function until(holds: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await holds())) {
    if (Date.now() > deadline) throw new Error(`never: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A GO far enough after the last cue start on the row that the double-GO guard lets it through. */
let clock = Date.now();
const later = () => (clock += 5_000);

beforeAll(async () => {
  server = await startPostgres();
  sql = new pg.Pool({ connectionString: server.url, max: 2 });
  sql.on('error', () => undefined); // one test stops the server under this pool's idle connections
  const dir = tempDir();
  seedDemoIfEmpty(dir);
  const { db } = openDatabase(dir);
  scenario = new ShowRepository(db).loadScenario()!;
  db.close();
  a = await openSharedStore(server.url, 'hub-a');
  // Hub A's evening (the run of show) in PostgreSQL, as the first hub puts it there.
  await a.joinEvening(dir);
  b = await openSharedStore(server.url, 'hub-b');
  recordStatements(a);
  recordStatements(b);
}, 60_000);

afterAll(async () => {
  await Promise.all([a?.close(), b?.close(), sql?.end()]);
  server?.remove();
});

describe('a GO on PostgreSQL', () => {
  it('commits in one statement on the row the store last read: state, log line, revision', async () => {
    const before = await a.show.loadState();
    const logged = (await logLines()).length;
    const [answer, statements] = await statementsOf(a, () => a.show.advance(engine({ type: 'go' }, later())));
    expect(answer.ok).toBe(true);
    expect(statements).toEqual(['WITH']);
    const row = await stored();
    expect(row.revision).toBe(before!.revision + 1);
    expect(answer.ok && JSON.parse(row.json)).toEqual(answer.ok && answer.state);
    const lines = await logLines();
    expect(lines).toHaveLength(logged + 1);
    expect(lines.at(-1)).toEqual({
      hub: 'hub-a',
      revision: row.revision,
      command: JSON.stringify({ type: 'go' }),
      device_id: 'host-1',
    });
  });

  it('goes on in one statement GO after GO: it remembers the row it wrote', async () => {
    for (let i = 0; i < 3; i++) {
      const [answer, statements] = await statementsOf(a, () =>
        a.show.advance(engine({ type: 'go' }, later())),
      );
      expect(answer.ok).toBe(true);
      expect(statements).toEqual(['WITH']);
    }
  });

  // Hub B last read the row before hub A's GOs above and below: its memory is stale each time.
  const stale: {
    name: string;
    command: (truth: ShowState) => ShowCommand;
    /** What the locked path answers on the true row. */
    expected: (truth: ShowState) => Partial<ShowResult> & { ok: boolean };
    now?: (truth: ShowState) => number;
    /** The memory's decision: a refusal goes straight to the lock; a write is tried first. */
    first: 'BEGIN' | 'WITH';
  }[] = [
    {
      name: 'a GO with the revision hub B knew is refused STALE_REVISION against the true one',
      command: () => ({ type: 'go', expectedRevision: 0 }),
      expected: (truth) => ({
        ok: false,
        error: expect.objectContaining({
          code: 'STALE_REVISION',
          params: { revision: truth.revision, expected: 0 },
        }) as never,
      }),
      first: 'BEGIN',
    },
    {
      name: 'a GO without a revision (HTTP) advances from the true state, not from the remembered one',
      command: () => ({ type: 'go' }),
      expected: (truth) => ({ ok: true, state: expect.objectContaining({ revision: truth.revision + 1 }) }),
      first: 'WITH',
    },
    {
      name: 'the double-GO guard sees the true cue start, which hub B never read',
      command: () => ({ type: 'go' }),
      now: (truth) => truth.cueStartedAt! + 100,
      expected: () => ({ ok: false, error: expect.objectContaining({ code: 'GO_TOO_SOON' }) as never }),
      first: 'WITH',
    },
  ];
  it.each(stale)('stale memory (another hub moved the show): $name', async (row) => {
    const remembered = await b.show.loadState();
    expect((await a.show.advance(engine({ type: 'go' }, later()))).ok).toBe(true);
    const truth = (await a.show.loadState())!;
    const seen: ShowState[] = [];
    const logged = (await logLines()).length;
    const [answer, statements] = await statementsOf(b, () =>
      b.show.advance(engine(row.command(truth), row.now?.(truth) ?? later(), seen)),
    );
    expect(answer).toEqual(row.expected(truth));
    // Decided first on the memory; then, under the lock, on the row as stored.
    expect(seen).toEqual([remembered, truth]);
    expect(statements[0]).toBe(row.first);
    expect(statements).toContain('BEGIN');
    expect((await logLines()).length).toBe(logged + (answer.ok ? 1 : 0));
  });

  it('a refusal on the remembered row is decided again on the stored one', async () => {
    // Hub A moved the show; hub B's memory still says it was the state at its last read.
    await b.show.loadState();
    expect((await a.show.advance(engine({ type: 'go' }, later()))).ok).toBe(true);
    const truth = (await a.show.loadState())!;
    const seen: ShowState[] = [];
    const check = (stored: ShowState | null): ShowDecision<number> => {
      seen.push(stored!);
      return { answer: stored!.revision };
    };
    const [answer, statements] = await statementsOf(b, () => b.show.advance(check));
    expect(answer).toBe(truth.revision);
    expect(seen.at(-1)).toEqual(truth);
    expect(statements).toContain('BEGIN');
  });

  it('after a scenario change on this hub the next GO is one statement; on the other hub it falls back and is right', async () => {
    const scenarios = new PostgresScenarioStore(a);
    const before = (await a.show.loadState())!;
    const rewound = { ...initialShowState(), revision: before.revision + 1 };
    await scenarios.change(() => ({
      answer: null,
      write: { state: rewound, entry: { type: 'rehearsal:end' }, deviceId: null, now: later() },
    }));
    const [onA, statementsA] = await statementsOf(a, () => a.show.advance(engine({ type: 'go' }, later())));
    expect(statementsA).toEqual(['WITH']);
    // From before the first GO: the first cue, at the revision after the change's.
    expect(onA).toMatchObject({ ok: true, state: { revision: rewound.revision + 1, cueIndex: 0 } });

    // Hub B changes the run of show's state under hub A's memory.
    const onB = new PostgresScenarioStore(b);
    await onB.change((show) => ({
      answer: null,
      write: {
        state: { ...initialShowState(), revision: show.state.revision + 1 },
        entry: { type: 'rehearsal:end' },
        deviceId: null,
        now: later(),
      },
    }));
    const truth = (await b.show.loadState())!;
    const [again, statements] = await statementsOf(a, () => a.show.advance(engine({ type: 'go' }, later())));
    expect(statements).toContain('BEGIN');
    expect(again).toMatchObject({ ok: true, state: { revision: truth.revision + 1, cueIndex: 0 } });
  });

  it('a row rewritten under the same revision (a new evening, a purge) does not pass for the remembered one', async () => {
    // Hub A is well into the show; then the row is replaced by a fresh one that reuses its revision.
    for (let i = 0; i < 3; i++) expect((await a.show.advance(engine({ type: 'go' }, later()))).ok).toBe(true);
    const remembered = (await a.show.loadState())!;
    expect(remembered.cueIndex).toBeGreaterThan(0);
    const fresh = { ...initialShowState(), revision: remembered.revision };
    await sql.query('UPDATE show_state SET json = $1 WHERE id = 1', [JSON.stringify(fresh)]);
    const seen: ShowState[] = [];
    const [answer, statements] = await statementsOf(a, () =>
      a.show.advance(engine({ type: 'go', expectedRevision: remembered.revision }, later(), seen)),
    );
    expect(statements).toContain('BEGIN');
    expect(seen).toEqual([remembered, fresh]);
    // The first cue of the fresh evening, not the cue after the one hub A remembered.
    expect(answer).toMatchObject({ ok: true, state: { revision: fresh.revision + 1, cueIndex: 0 } });
    expect(JSON.parse((await stored()).json)).toEqual(answer.ok && answer.state);
  });

  // A hub's own NOTIFY is read on its LISTEN connection, often before the GO's answer on the pool's:
  // while the answer is on its way, that revision is not news (shared.store.ts would reload for it).
  // The GO names the stored revision: on hub B's stale memory it is refused, so B goes to the lock.
  const onTheWay: { name: string; hub: () => SharedStore; first: 'WITH' | 'BEGIN' }[] = [
    { name: 'one statement on the row it remembers', hub: () => a, first: 'WITH' },
    { name: 'the locked path, its memory stale', hub: () => b, first: 'BEGIN' },
  ];
  it.each(onTheWay)('its own GO is not news while the answer is on its way: $name', async (row) => {
    await b.show.loadState();
    expect((await a.show.advance(engine({ type: 'go' }, later()))).ok).toBe(true);
    const hub = row.hub();
    const next = (await stored()).revision + 1;
    sent.get(hub)!.length = 0;
    // Holds the GO once decided: its log line waits for this lock, on either path.
    const blocker = await sql.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE show_log IN SHARE MODE');
      const going = hub.show.advance(engine({ type: 'go', expectedRevision: next - 1 }, later()));
      const held = `SELECT 1 FROM pg_locks WHERE relation = 'show_log'::regclass AND NOT granted`;
      await until(async () => (await sql.query(held)).rowCount !== 0, 'the GO waits for the log lock');
      expect(firstWords(hub)[0]).toBe(row.first);
      expect(hub.show.unseen(next)).toBe(false);
      // A later revision of its own would be a write it gave up on: news.
      expect(hub.show.unseen(next + 1)).toBe(true);
      await blocker.query('ROLLBACK');
      expect(await going).toMatchObject({ ok: true, state: { revision: next } });
      expect(hub.show.unseen(next)).toBe(false);
    } finally {
      // After a failed expectation too: a lock left held would stall every later GO in this file.
      await blocker.query('ROLLBACK');
      blocker.release();
    }
  });

  // Another writer holds the show row: say another hub's GO whose commit waits for a standby that is
  // gone. The one statement must not wait behind it, and the locked path gives up at its lock timeout.
  it('a GO held up behind another writer of the show row is rolled back at HELD_UP_MS, not kept waiting', async () => {
    await a.show.loadState();
    const before = await stored();
    const logged = (await logLines()).length;
    const holder = await sql.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM show_state WHERE id = 1 FOR UPDATE');
      const going = statementsOf(a, () => a.show.advance(engine({ type: 'go' }, later())));
      // Held longer than the lock timeout: a GO still waiting then would be kept waiting.
      const gaveUp = await Promise.race([
        going.then(
          () => 'carried out',
          (err: unknown) => err,
        ),
        new Promise((r) => setTimeout(() => r('still waiting'), HELD_UP_MS + 2000)),
      ]);
      expect(heldUp(gaveUp)).toBe(true);
      // The one statement wrote nothing and went on; the locked path waited for the row and gave up.
      expect(firstWords(a)).toEqual(['WITH', 'BEGIN', 'SET', 'SELECT', 'ROLLBACK']);
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
    // Nothing of it landed once the holder let go: the row, the log, and the next GO decides on the row.
    expect(await stored()).toEqual(before);
    expect((await logLines()).length).toBe(logged);
    const next = await a.show.advance(engine({ type: 'go' }, later()));
    expect(next).toMatchObject({ ok: true, state: { revision: before.revision + 1 } });
  });

  it('a GO when PostgreSQL is away throws (the service refuses), and the next one after it is right', async () => {
    const alone = new PostgresShowStore(a.pool, 'hub-a');
    const next = (await alone.loadState())!.revision + 1;
    server.stop();
    try {
      // pg_ctl blocked this process: let every pool notice its connections closed, or a query
      // after the restart could be sent on one of them.
      await until(() => [sql, a.pool, b.pool].every((p) => p.idleCount === 0), 'the pools drop their links');
      await expect(alone.advance(engine({ type: 'go' }, later()))).rejects.toThrow();
      // Failed, as far as this hub knows: should it have committed after all, its NOTIFY is news.
      expect(alone.unseen(next)).toBe(true);
    } finally {
      server.start();
    }
    const before = await stored();
    const answer = await alone.advance(engine({ type: 'go' }, later()));
    expect(answer).toMatchObject({ ok: true, state: { revision: before.revision + 1 } });
    expect((await stored()).revision).toBe(before.revision + 1);
  });

  it('tells the other hubs once per GO, with the same payload on either path', async () => {
    const listener = new pg.Client({ connectionString: server.url });
    await listener.connect();
    try {
      const heard: string[] = [];
      let marked!: () => void;
      const marker = new Promise<void>((resolve) => (marked = resolve));
      listener.on('notification', (n) => {
        if (n.payload === 'end of test') marked();
        else heard.push(n.payload ?? '');
      });
      await listener.query(`LISTEN ${SHOW_CHANNEL}`);
      await b.show.loadState();
      const revisions: number[] = [];
      // Three fast GOs on hub A, then one on hub B whose memory is stale (the locked path).
      for (const hub of [a, a, a, b]) {
        const answer = await hub.show.advance(engine({ type: 'go' }, later()));
        expect(answer.ok).toBe(true);
        if (answer.ok) revisions.push(answer.state.revision);
      }
      // Notifications come in commit order: once the marker is heard, every GO's has been.
      await sql.query('SELECT pg_notify($1, $2)', [SHOW_CHANNEL, 'end of test']);
      await marker;
      expect(heard).toEqual(revisions.map((r, i) => `${i < 3 ? 'hub-a' : 'hub-b'} ${r}`));
    } finally {
      await listener.end();
    }
  });
});
