/**
 * Migration 2: everything else of the evening that SQLite keeps, with the same table and column
 * names, so a hub's local copy (store/postgres/mirror.ts) is a plain row-for-row copy. Epoch
 * milliseconds are BIGINT, JSON stays TEXT, SQLite's AUTOINCREMENT ids are BIGSERIAL.
 * `evening_seed` records which hub first put its evening here: later hubs take it from here.
 */
export const SCHEMA_EVENING = `
  CREATE TABLE evening_seed (id INTEGER PRIMARY KEY CHECK (id = 1), hub TEXT NOT NULL, at BIGINT NOT NULL);
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE scenario (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL, updated_at BIGINT NOT NULL);
  CREATE TABLE guests (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, category TEXT NOT NULL, organisation TEXT, seat TEXT,
    nominee_id TEXT, badge_code TEXT NOT NULL UNIQUE, consent INTEGER NOT NULL DEFAULT 0,
    phone TEXT, email TEXT, updated_at BIGINT NOT NULL, nomination TEXT
  );
  CREATE TABLE revoked_badges (code TEXT PRIMARY KEY, guest_id TEXT NOT NULL, revoked_at BIGINT NOT NULL);
  CREATE TABLE devices (
    id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, role TEXT NOT NULL, name TEXT NOT NULL,
    created_at BIGINT NOT NULL, last_seen_at BIGINT, revoked_at BIGINT
  );
  CREATE TABLE pairing_codes (
    code_hash TEXT PRIMARY KEY, role TEXT NOT NULL, name TEXT, created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL, used_at BIGINT, device_id TEXT
  );
  -- The PIN brake across hubs (domain/pin.brake.ts, postgres/brake.ledger.ts): wrong PINs per
  -- address, and every wrong PIN of the global window. Not copied into the hubs' SQLite.
  CREATE TABLE pin_brake (address TEXT PRIMARY KEY, failures INTEGER NOT NULL, last_at BIGINT NOT NULL);
  CREATE TABLE pin_failures (id BIGSERIAL PRIMARY KEY, at BIGINT NOT NULL);
  CREATE INDEX pin_failures_at ON pin_failures (at);
  CREATE SEQUENCE station_visit_changes;
  CREATE TABLE station_visits (
    id BIGSERIAL PRIMARY KEY, station_id TEXT NOT NULL, guest_id TEXT NOT NULL,
    scan_id TEXT UNIQUE, entered_at BIGINT NOT NULL, left_at BIGINT,
    seq BIGINT NOT NULL DEFAULT nextval('station_visit_changes')
  );
  CREATE INDEX station_visits_seq ON station_visits (seq);
  CREATE TABLE forgotten_visits (scan_id TEXT NOT NULL, seq BIGINT NOT NULL DEFAULT nextval('station_visit_changes'));
  CREATE INDEX station_visits_open ON station_visits (station_id) WHERE left_at IS NULL;
  ALTER TABLE scans ADD COLUMN seq BIGSERIAL;
  ALTER TABLE admissions ADD COLUMN seq BIGSERIAL;
  CREATE INDEX scans_seq ON scans (seq);
  CREATE INDEX admissions_seq ON admissions (seq);
  CREATE TABLE copy_generations (part TEXT PRIMARY KEY, generation BIGINT NOT NULL);
  CREATE TABLE feedback (
    id BIGSERIAL PRIMARY KEY, rating INTEGER NOT NULL, comment TEXT, at BIGINT NOT NULL, client TEXT
  );
  CREATE TABLE booth_targets (id TEXT PRIMARY KEY, position INTEGER NOT NULL, json TEXT NOT NULL);
  -- media (store/postgres/media.store.ts): files, not SQLite rows; each hub's DATA_DIR/media is a copy.
  -- The bytes in 1 MB chunks, stored as they are: photos and videos are compressed already.
  CREATE TABLE media_files (
    name TEXT PRIMARY KEY, kind TEXT NOT NULL, bytes BIGINT NOT NULL, sha256 TEXT NOT NULL,
    uploaded_at BIGINT NOT NULL, facts TEXT NOT NULL
  );
  CREATE TABLE media_chunks (
    name TEXT NOT NULL REFERENCES media_files (name) ON DELETE CASCADE, seq INTEGER NOT NULL,
    data BYTEA NOT NULL, PRIMARY KEY (name, seq)
  );
  ALTER TABLE media_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
`;

/**
 * Version 3: what a hub used to keep only in its memory. A badge reissue's undo (part `guests`,
 * copied into every hub's SQLite) and the feedback brake across hubs (store/postgres/feedback.brake.ts:
 * one token bucket per sender, keyed by an HMAC of the address with the evening's key; neither of
 * those two is copied into the hubs' SQLite).
 */
export const SCHEMA_HUB_MEMORY = `
  CREATE TABLE badge_reissues (
    guest_id TEXT PRIMARY KEY, token_hash TEXT NOT NULL, old_code TEXT NOT NULL,
    new_code TEXT NOT NULL, reissued_at BIGINT NOT NULL
  );
  CREATE TABLE feedback_brake (sender TEXT PRIMARY KEY, tokens DOUBLE PRECISION NOT NULL, at BIGINT NOT NULL);
  CREATE INDEX feedback_brake_at ON feedback_brake (at);
  CREATE TABLE feedback_sender_key (id INTEGER PRIMARY KEY CHECK (id = 1), key BYTEA NOT NULL);
`;

/**
 * Version 4: the content of every file deleted from the media library, by its sha256 alone (never its
 * name, which may be a person's). A hub that was away when a file went finds its copy here and drops
 * it; a file in a hub's folder that the library never had was put there by hand, and is shared.
 */
export const SCHEMA_MEDIA_REMOVED = `
  CREATE TABLE media_removed (sha256 TEXT PRIMARY KEY, removed_at BIGINT NOT NULL);
`;

/**
 * Version 5: the evening's clock across a promotion (shared/src/eveningClock.ts). One row per database
 * timeline whose clock is not the evening's as it is: what to add to it. The first hub to propose a
 * row for a timeline wins; no names, only a hub's random id.
 */
export const SCHEMA_EVENING_CLOCK = `
  CREATE TABLE evening_clock (
    timeline INTEGER PRIMARY KEY,
    correction_ms DOUBLE PRECISION NOT NULL,
    hub TEXT NOT NULL,
    at BIGINT NOT NULL
  );
`;
