import type { Role } from '@ceremony/shared';
import type pg from 'pg';
import {
  pinKey,
  type AccessStore,
  type DeviceCap,
  type NewDevice,
  type NewPairingCode,
  type PinWrite,
} from '../access.store.js';
import { pinsFrom, type DevicesRepository } from '../devices.repository.js';
import type { WriteStage } from '../write-stage.js';
import { inTransaction } from './pool.js';
import type { SharedStore } from './shared.store.js';

/** Sign-ins under a cap take this lock on every hub: the role's devices are counted one sign-in at a time. */
const CAP_LOCK = 13_0004;

/** `last seen` of this long is gathered and written in one statement, not one per device. */
const TOUCH_FLUSH_MS = 1000;

const FORGET_IDLE = `DELETE FROM devices WHERE coalesce(last_seen_at, created_at) < $1
  AND id NOT IN (SELECT device_id FROM admissions) AND id NOT IN (SELECT device_id FROM scans)`;

/**
 * Devices, pairing codes and PINs with PostgreSQL as the record (part `access` of mirror.ts). A
 * change commits there with its NOTIFY, then this hub copies the part in before answering; the other
 * hubs copy it on the NOTIFY. `last seen` is the exception: written in batches with no NOTIFY (it
 * changes all evening and nothing waits for it), and other hubs see it with the next copy.
 */
export class PostgresAccessStore implements AccessStore {
  readonly shared = true;
  private touched = new Map<string, number>();
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Pick<SharedStore, 'pool' | 'changed' | 'pull' | 'gaveUpOn'>,
    private readonly local: DevicesRepository,
  ) {}

  /**
   * One change: committed in PostgreSQL, then copied into this hub's SQLite. When `changed` says the
   * unit changed nothing (a wrong pairing code), nobody is told: a stream of them must not make every
   * hub copy the part again and again.
   */
  private async write<T>(
    unit: (client: pg.PoolClient) => Promise<T>,
    changed: (answer: T) => boolean = () => true,
    stage?: WriteStage,
  ): Promise<T> {
    let answer: T;
    try {
      answer = await inTransaction(
        this.store.pool,
        async (client) => {
          const answer = await unit(client);
          if (changed(answer)) await this.store.changed(client, 'access');
          return answer;
        },
        stage,
      );
    } catch (err) {
      // The commit may still be waiting in PostgreSQL (for a synchronous standby) and land later.
      this.store.gaveUpOn('access');
      throw err;
    }
    if (changed(answer)) await this.store.pull('access');
    return answer;
  }

  addDevice(device: NewDevice, cap: DeviceCap | null): Promise<boolean> {
    return this.write((client) => this.add(client, device, cap));
  }

  private async add(client: pg.ClientBase, device: NewDevice, cap: DeviceCap | null): Promise<boolean> {
    if (cap) {
      await client.query('SELECT pg_advisory_xact_lock($1)', [CAP_LOCK]);
      await client.query(FORGET_IDLE, [cap.activeSince]);
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM devices
           WHERE role = $1 AND revoked_at IS NULL AND coalesce(last_seen_at, created_at) >= $2`,
        [device.role, cap.activeSince],
      );
      if ((rows[0]?.n ?? 0) >= cap.max) return false;
    }
    await client.query(
      'INSERT INTO devices (id, token_hash, role, name, created_at) VALUES ($1, $2, $3, $4, $5)',
      [device.id, device.tokenHash, device.role, device.name, device.now],
    );
    return true;
  }

  async addPairingCode(code: NewPairingCode): Promise<void> {
    await this.write((client) =>
      client.query(
        'INSERT INTO pairing_codes (code_hash, role, name, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
        [code.codeHash, code.role, code.name, code.now, code.expiresAt],
      ),
    );
  }

  pair(
    codeHash: string,
    now: number,
    make: (role: Role, name: string | null) => NewDevice,
    cap: DeviceCap,
    stage?: WriteStage,
  ): Promise<{ device: NewDevice; added: boolean } | null> {
    return this.write(
      async (client) => {
        const { rows } = await client.query<{ role: Role; name: string | null }>(
          `UPDATE pairing_codes SET used_at = $1
             WHERE code_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING role, name`,
          [now, codeHash],
        );
        const used = rows[0];
        if (!used) return null;
        const device = make(used.role, used.name);
        const added = await this.add(client, device, cap);
        if (added)
          await client.query('UPDATE pairing_codes SET device_id = $1 WHERE code_hash = $2', [
            device.id,
            codeHash,
          ]);
        return { device, added };
      },
      (paired) => paired !== null,
      stage,
    );
  }

  revoke(id: string, now: number, stage?: WriteStage): Promise<boolean> {
    return this.write(
      async (client) =>
        (
          await client.query('UPDATE devices SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [
            now,
            id,
          ])
        ).rowCount === 1,
      (done) => done,
      stage,
    );
  }

  changePin(role: Role, hash: string, now: number, except: string, stage?: WriteStage): Promise<string[]> {
    return this.write(
      async (client) => {
        await client.query(
          `INSERT INTO settings (key, value) VALUES ($1, $2)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
          [pinKey(role), hash],
        );
        const { rows } = await client.query<{ id: string }>(
          `UPDATE devices SET revoked_at = $1
           WHERE role = $2 AND revoked_at IS NULL AND id <> $3 RETURNING id`,
          [now, role, except],
        );
        return rows.map((r) => r.id);
      },
      undefined,
      stage,
    );
  }

  async settlePins(writes: PinWrite[]): Promise<void> {
    await this.write(async (client) => {
      for (const w of writes) {
        const onConflict = w.overwrite ? 'DO UPDATE SET value = excluded.value' : 'DO NOTHING';
        await client.query(
          `INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) ${onConflict}`,
          [pinKey(w.role), w.hash],
        );
      }
    });
  }

  async forgetIdle(cutoff: number): Promise<void> {
    await this.write(
      async (client) => (await client.query(FORGET_IDLE, [cutoff])).rowCount ?? 0,
      (forgotten) => forgotten > 0,
    );
  }

  touch(ids: string[], now: number): void {
    // This hub's copy at once (its own token checks read it), PostgreSQL in the next batch.
    for (const id of ids) {
      this.local.touch(id, now);
      this.touched.set(id, now);
    }
    if (this.flushTimer || this.touched.size === 0) return;
    this.flushTimer = setTimeout(() => void this.flush(), TOUCH_FLUSH_MS);
    this.flushTimer.unref();
  }

  private async flush(): Promise<void> {
    this.flushTimer = null;
    const batch = [...this.touched];
    this.touched.clear();
    try {
      await inTransaction(this.store.pool, async (client) => {
        // Not waiting for a synchronous standby: nobody is told this was saved, and with the backup
        // laptop off a commit that waits keeps the devices' rows locked, so the admin's revocation or
        // PIN change would wait behind it and be told it was not carried out.
        await client.query('SET LOCAL synchronous_commit TO local');
        await client.query(
          `UPDATE devices SET last_seen_at = GREATEST(coalesce(last_seen_at, 0), t.at)
             FROM unnest($1::text[], $2::bigint[]) AS t(id, at) WHERE devices.id = t.id`,
          [batch.map(([id]) => id), batch.map(([, at]) => at)],
        );
      });
    } catch (err) {
      // Only the renewal of tokens in use: the next use writes it again.
      console.warn('[postgres] writing when devices were last seen failed:', (err as Error).message);
    }
  }

  async pins(): Promise<Partial<Record<Role, string>>> {
    const { rows } = await this.store.pool.query<{ key: string; value: string }>(
      "SELECT key, value FROM settings WHERE key LIKE 'pin.%'",
    );
    return pinsFrom(rows);
  }

  async catchUp(tokenHash: string): Promise<boolean> {
    const { rowCount } = await this.store.pool.query(
      'SELECT 1 FROM devices WHERE token_hash = $1 AND revoked_at IS NULL',
      [tokenHash],
    );
    if (!rowCount) return false;
    await this.store.pull('access');
    return true;
  }

  stop(): void {
    // Pending `last seen` is dropped, not written: the pool closes right after, and it is only a renewal.
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.touched.clear();
  }
}
