/** Versioned schema changes, applied in order, each in its own transaction. Never edit a shipped one. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE scenario (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL, updated_at INTEGER NOT NULL);
  CREATE TABLE show_state (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL);
  CREATE TABLE show_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, device_id TEXT,
    command TEXT NOT NULL, revision INTEGER NOT NULL
  );
  CREATE TABLE guests (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, category TEXT NOT NULL, organisation TEXT, seat TEXT,
    nominee_id TEXT, badge_code TEXT NOT NULL UNIQUE, consent INTEGER NOT NULL DEFAULT 0,
    phone TEXT, email TEXT, updated_at INTEGER NOT NULL
  );
  CREATE TABLE revoked_badges (code TEXT PRIMARY KEY, guest_id TEXT NOT NULL, revoked_at INTEGER NOT NULL);
  CREATE TABLE admissions (
    guest_id TEXT PRIMARY KEY, scan_id TEXT NOT NULL, device_id TEXT NOT NULL,
    admitted_at INTEGER NOT NULL, scanned_at INTEGER
  );
  CREATE TABLE scans (
    scan_id TEXT PRIMARY KEY, device_id TEXT NOT NULL, code TEXT NOT NULL, status TEXT NOT NULL,
    guest_id TEXT, at INTEGER NOT NULL, result TEXT NOT NULL
  );
  CREATE TABLE devices (
    id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, role TEXT NOT NULL, name TEXT NOT NULL,
    created_at INTEGER NOT NULL, last_seen_at INTEGER, revoked_at INTEGER
  );
  `,
  // Check-in: station visits, taken-back admissions, the guests' feedback.
  `
  CREATE TABLE station_visits (
    id INTEGER PRIMARY KEY AUTOINCREMENT, station_id TEXT NOT NULL, guest_id TEXT NOT NULL,
    scan_id TEXT UNIQUE, entered_at INTEGER NOT NULL, left_at INTEGER
  );
  CREATE INDEX station_visits_open ON station_visits (station_id) WHERE left_at IS NULL;
  CREATE INDEX station_visits_guest ON station_visits (guest_id);
  CREATE TABLE admission_undos (
    id INTEGER PRIMARY KEY AUTOINCREMENT, guest_id TEXT NOT NULL, scan_id TEXT NOT NULL,
    admitted_at INTEGER NOT NULL, admitted_by TEXT NOT NULL, reason TEXT NOT NULL,
    device_id TEXT NOT NULL, at INTEGER NOT NULL
  );
  CREATE TABLE feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT, rating INTEGER NOT NULL, comment TEXT, at INTEGER NOT NULL,
    client TEXT
  );
  `,
  // Guest data: the nomination column of an imported list; one-time device pairing codes.
  `
  ALTER TABLE guests ADD COLUMN nomination TEXT;
  CREATE TABLE pairing_codes (
    code_hash TEXT PRIMARY KEY, role TEXT NOT NULL, name TEXT, created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL, used_at INTEGER, device_id TEXT
  );
  `,
  // The hall panel asks "which nominees are here" after every batch of scans: start from the few
  // guests linked to a nominee instead of joining every admission.
  `
  CREATE INDEX guests_nominee ON guests (nominee_id) WHERE nominee_id IS NOT NULL;
  `,
  // The booth: the machines the show talks to, and each cue action fired, so a cue start fires once
  // even when several hubs share this database (the insert that wins fires).
  `
  CREATE TABLE booth_targets (id TEXT PRIMARY KEY, position INTEGER NOT NULL, json TEXT NOT NULL);
  CREATE TABLE booth_firings (
    revision INTEGER NOT NULL, cue_id TEXT NOT NULL, phase TEXT NOT NULL, fired_at INTEGER NOT NULL,
    PRIMARY KEY (revision, cue_id, phase)
  );
  `,
  // A badge reissue that can still be taken back (guests.service.ts): in the evening's record, so
  // any hub, or this one after a restart, can undo it. The undo token only as its hash; one per guest.
  `
  CREATE TABLE badge_reissues (
    guest_id TEXT PRIMARY KEY, token_hash TEXT NOT NULL, old_code TEXT NOT NULL,
    new_code TEXT NOT NULL, reissued_at INTEGER NOT NULL
  );
  `,
  // This file's own, never copied to or from PostgreSQL: what its copy of a shared evening caught up
  // with (`purges`: how many purges of the record it was rebuilt after, store/postgres/purge.catchup.ts).
  `
  CREATE TABLE hub_copy (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
  `,
];
