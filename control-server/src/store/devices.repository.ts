import type { Device, Role } from '@ceremony/shared';
import type { Db } from './db.js';
import { stmt } from './statements.js';

export type { Device };

interface DeviceRow {
  id: string;
  role: Role;
  name: string;
  created_at: number;
  last_seen_at: number | null;
  revoked_at: number | null;
}
const toDevice = (r: DeviceRow): Device => ({
  id: r.id,
  role: r.role,
  name: r.name,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  revokedAt: r.revoked_at,
});

/** The PIN hashes by role from `pin.<role>` rows of the settings table (either engine's). */
export const pinsFrom = (rows: { key: string; value: string }[]): Partial<Record<Role, string>> =>
  Object.fromEntries(rows.map((r) => [r.key.slice('pin.'.length), r.value]));

/** Signed-in devices and their role tokens (stored hashed). Also the small settings table. */
export class DevicesRepository {
  constructor(private readonly db: Db) {}

  create(device: { id: string; tokenHash: string; role: Role; name: string; now: number }): void {
    stmt(this.db, 'INSERT INTO devices (id, token_hash, role, name, created_at) VALUES (?, ?, ?, ?, ?)').run(
      device.id,
      device.tokenHash,
      device.role,
      device.name,
      device.now,
    );
  }

  byTokenHash(hash: string): Device | null {
    const row = stmt(this.db, 'SELECT * FROM devices WHERE token_hash = ?').get(hash) as
      DeviceRow | undefined;
    return row ? toDevice(row) : null;
  }

  byId(id: string): Device | null {
    const row = stmt(this.db, 'SELECT * FROM devices WHERE id = ?').get(id) as DeviceRow | undefined;
    return row ? toDevice(row) : null;
  }

  all(): Device[] {
    return (stmt(this.db, 'SELECT * FROM devices ORDER BY created_at').all() as DeviceRow[]).map(toDevice);
  }

  touch(id: string, now: number): void {
    stmt(this.db, 'UPDATE devices SET last_seen_at = ? WHERE id = ?').run(now, id);
  }

  /** Revokes every live device of a role but `except` (its PIN changed) and answers their ids. */
  revokeRole(role: Role, now: number, except = ''): string[] {
    const live = 'role = ? AND revoked_at IS NULL AND id <> ?';
    const ids = (
      stmt(this.db, `SELECT id FROM devices WHERE ${live}`).all(role, except) as { id: string }[]
    ).map((r) => r.id);
    stmt(this.db, `UPDATE devices SET revoked_at = ? WHERE ${live}`).run(now, role, except);
    return ids;
  }

  /** Devices of a role whose token still works: not revoked and used since `activeSince`. */
  countActive(role: Role, activeSince: number): number {
    return (
      stmt(
        this.db,
        'SELECT count(*) AS n FROM devices WHERE role = ? AND revoked_at IS NULL AND coalesce(last_seen_at, created_at) >= ?',
      ).get(role, activeSince) as { n: number }
    ).n;
  }

  /**
   * Forgets devices unused since `cutoff` (their tokens have expired), unless a scan or an admission
   * names them: the «already admitted by …» card and the reports still show that device's name.
   */
  forgetIdle(cutoff: number): number {
    return stmt(
      this.db,
      `DELETE FROM devices WHERE coalesce(last_seen_at, created_at) < ?
           AND id NOT IN (SELECT device_id FROM admissions) AND id NOT IN (SELECT device_id FROM scans)`,
    ).run(cutoff).changes;
  }

  revoke(id: string, now: number): boolean {
    return (
      stmt(this.db, 'UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now, id)
        .changes === 1
    );
  }

  /** Keeps a new pairing code (hashed, like tokens) until it is used or expires. */
  addPairingCode(p: {
    codeHash: string;
    role: Role;
    name: string | null;
    now: number;
    expiresAt: number;
  }): void {
    stmt(
      this.db,
      'INSERT INTO pairing_codes (code_hash, role, name, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    ).run(p.codeHash, p.role, p.name, p.now, p.expiresAt);
  }

  /**
   * Marks a pairing code used, if it is unused and unexpired, and answers its role and name. One
   * UPDATE decides, so two phones scanning the same QR at once cannot both get in.
   */
  usePairingCode(codeHash: string, now: number): { role: Role; name: string | null } | null {
    const done = stmt(
      this.db,
      'UPDATE pairing_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?',
    ).run(now, codeHash, now).changes;
    if (done !== 1) return null;
    return stmt(this.db, 'SELECT role, name FROM pairing_codes WHERE code_hash = ?').get(codeHash) as {
      role: Role;
      name: string | null;
    };
  }

  /** Records which device a pairing code turned into. */
  linkPairingCode(codeHash: string, deviceId: string): void {
    stmt(this.db, 'UPDATE pairing_codes SET device_id = ? WHERE code_hash = ?').run(deviceId, codeHash);
  }

  /** The stored PIN hashes by role (`pin.<role>` in settings). */
  pins(): Partial<Record<Role, string>> {
    const rows = stmt(this.db, "SELECT key, value FROM settings WHERE key LIKE 'pin.%'").all() as {
      key: string;
      value: string;
    }[];
    return pinsFrom(rows);
  }

  setting(key: string): string | null {
    const row = stmt(this.db, 'SELECT value FROM settings WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  setSetting(key: string, value: string): void {
    stmt(
      this.db,
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ).run(key, value);
  }
}
