import type { Role } from '@ceremony/shared';
import type { Db } from './db.js';

export interface Device {
  id: string;
  role: Role;
  name: string;
  createdAt: number;
  lastSeenAt: number | null;
  revokedAt: number | null;
}

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

/** Signed-in devices and their role tokens (stored hashed). Also the small settings table. */
export class DevicesRepository {
  constructor(private readonly db: Db) {}

  create(device: { id: string; tokenHash: string; role: Role; name: string; now: number }): void {
    this.db
      .prepare('INSERT INTO devices (id, token_hash, role, name, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(device.id, device.tokenHash, device.role, device.name, device.now);
  }

  byTokenHash(hash: string): Device | null {
    const row = this.db.prepare('SELECT * FROM devices WHERE token_hash = ?').get(hash) as
      DeviceRow | undefined;
    return row ? toDevice(row) : null;
  }

  byId(id: string): Device | null {
    const row = this.db.prepare('SELECT * FROM devices WHERE id = ?').get(id) as DeviceRow | undefined;
    return row ? toDevice(row) : null;
  }

  all(): Device[] {
    return (this.db.prepare('SELECT * FROM devices ORDER BY created_at').all() as DeviceRow[]).map(toDevice);
  }

  touch(id: string, now: number): void {
    this.db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?').run(now, id);
  }

  revoke(id: string, now: number): boolean {
    return (
      this.db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now, id)
        .changes === 1
    );
  }

  setting(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  setSetting(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }
}
