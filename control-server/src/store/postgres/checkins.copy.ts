import type pg from 'pg';
import type { Db } from '../db.js';
import { pullPart } from './mirror.js';

/** How far the copy has come: the generation it was taken in, and the last row of each table. */
interface Marks {
  generation: number;
  scan: number;
  admission: number;
  undo: number;
}

type Row = Record<string, unknown>;

const SCAN_COLUMNS = ['scan_id', 'device_id', 'code', 'status', 'guest_id', 'at', 'result'];
const ADMISSION_COLUMNS = ['guest_id', 'scan_id', 'device_id', 'admitted_at', 'scanned_at'];
const UNDO_COLUMNS = ['id', 'guest_id', 'scan_id', 'admitted_at', 'admitted_by', 'reason', 'device_id', 'at'];

/** Moves a part's copies on: every hub copies that part whole on its next pull (the purge's rewrite). */
export async function newCopyGeneration(client: pg.ClientBase, part: string): Promise<void> {
  await client.query(
    `INSERT INTO copy_generations (part, generation) VALUES ($1, 1)
       ON CONFLICT (part) DO UPDATE SET generation = copy_generations.generation + 1`,
    [part],
  );
}

const insert = (db: Db, table: string, columns: string[], verb: string) =>
  db.prepare(`${verb} INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);

/**
 * This hub's copy of the check-ins (admissions, undos, scans), kept current a batch at a time. The
 * scans grow with every scan of the evening: copying them whole after every batch would make the
 * entrance wait longer as the night goes on, so only rows past the marks are read (one round trip).
 * Undos are replayed as deletes of the admission they took back (a later re-admission has another
 * scan). When the generation moved (the purge rewrote rows), the whole part is copied again.
 */
export class CheckinsCopy {
  private marks: Marks | null = null;

  async pull(pool: pg.Pool | pg.ClientBase, db: Db): Promise<void> {
    const m = this.marks;
    if (!m) return this.startOver(pool, db);
    const results = (await pool.query(
      `SELECT coalesce(max(generation), 0) AS generation FROM copy_generations WHERE part = 'checkins';
       SELECT * FROM scans WHERE seq > ${m.scan} ORDER BY seq;
       SELECT * FROM admissions WHERE seq > ${m.admission} ORDER BY seq;
       SELECT * FROM admission_undos WHERE id > ${m.undo} ORDER BY id`,
    )) as unknown as pg.QueryResult<Row>[];
    const [generation, scans, admissions, undos] = results.map((r) => r.rows) as [Row[], Row[], Row[], Row[]];
    if (Number(generation[0]?.generation ?? 0) !== m.generation) return this.startOver(pool, db);
    if (!db.open || scans.length + admissions.length + undos.length === 0) return;
    const addScan = insert(db, 'scans', SCAN_COLUMNS, 'INSERT OR REPLACE');
    const admit = insert(db, 'admissions', ADMISSION_COLUMNS, 'INSERT OR REPLACE');
    const addUndo = insert(db, 'admission_undos', UNDO_COLUMNS, 'INSERT OR IGNORE');
    const takeBack = db.prepare('DELETE FROM admissions WHERE guest_id = ? AND scan_id = ?');
    const values = (row: Row, columns: string[]) => columns.map((c) => row[c] ?? null);
    // Like mirror.ts: PostgreSQL holds the record, so the copy skips the fsync of an acknowledged write.
    db.pragma('synchronous = OFF');
    try {
      db.transaction(() => {
        for (const u of undos) {
          addUndo.run(...values(u, UNDO_COLUMNS));
          takeBack.run(u.guest_id, u.scan_id);
        }
        for (const a of admissions) admit.run(...values(a, ADMISSION_COLUMNS));
        for (const s of scans) addScan.run(...values(s, SCAN_COLUMNS));
      })();
    } finally {
      db.pragma('synchronous = FULL');
    }
    this.marks = {
      generation: m.generation,
      scan: Number(scans.at(-1)?.seq ?? m.scan),
      admission: Number(admissions.at(-1)?.seq ?? m.admission),
      undo: Number(undos.at(-1)?.id ?? m.undo),
    };
  }

  /**
   * The whole part, as mirror.ts copies any other. The marks are read first: a batch committed
   * between is then copied twice (the same rows again), never missed.
   */
  private async startOver(pool: pg.Pool | pg.ClientBase, db: Db): Promise<void> {
    const { rows } = await pool.query<Marks>(
      `SELECT (SELECT coalesce(max(generation), 0) FROM copy_generations WHERE part = 'checkins') AS generation,
              (SELECT coalesce(max(seq), 0) FROM scans) AS scan,
              (SELECT coalesce(max(seq), 0) FROM admissions) AS admission,
              (SELECT coalesce(max(id), 0) FROM admission_undos) AS undo`,
    );
    const r = rows[0]!;
    await pullPart(pool, db, 'checkins');
    this.marks = {
      generation: Number(r.generation),
      scan: Number(r.scan),
      admission: Number(r.admission),
      undo: Number(r.undo),
    };
  }
}
