import crypto from 'node:crypto';
import type { Scenario } from '@ceremony/shared';
import { newCopyGeneration } from './part.copy.js';
import { EVENING_PARTS, type EveningPart } from './mirror.js';
import { inTransaction } from './pool.js';
import type { SharedStore } from './shared.store.js';

/** The same numbers checkins.store.ts and part.writer.ts lock with: no batch or write runs meanwhile. */
const LOCKS = [13_0002, 13_0103, 13_0105];

/**
 * The purge in PostgreSQL, in one transaction: every place a person can appear there. Guests keep
 * what the figures need and get new random ids everywhere they are referenced; scans keep status
 * and guest; undo reasons, feedback comments and senders (and the brake's, with its key), open
 * badge reissues, the host's lines in the log and on the show state, device and pairing names, the
 * broadcasts waiting in the adapter's table go; the scenario is replaced by `anonymise` of it (the
 * domain's rule, purge.ts). The check-ins copies start over (rows were rewritten in place), and
 * every other hub copies each part on the NOTIFY; this hub copies them before answering.
 */
export async function purgeShared(
  shared: SharedStore,
  anonymise: (scenario: Scenario, guestNames: readonly string[]) => Scenario,
  now: number,
): Promise<void> {
  await inTransaction(shared.pool, async (c) => {
    for (const lock of LOCKS) await c.query('SELECT pg_advisory_xact_lock($1)', [lock]);
    const guests = (await c.query<{ id: string; name: string }>('SELECT id, name FROM guests ORDER BY id'))
      .rows;
    const moves = guests.map((g) => [g.id, `g-${crypto.randomBytes(8).toString('hex')}`] as const);
    await c.query('CREATE TEMP TABLE rekey (old TEXT PRIMARY KEY, new TEXT NOT NULL) ON COMMIT DROP');
    await c.query('INSERT INTO rekey (old, new) SELECT * FROM unnest($1::text[], $2::text[])', [
      moves.map((m) => m[0]),
      moves.map((m) => m[1]),
    ]);
    await c.query('UPDATE guests t SET id = r.new FROM rekey r WHERE t.id = r.old');
    for (const table of ['admissions', 'scans', 'station_visits', 'admission_undos', 'revoked_badges'])
      await c.query(`UPDATE ${table} t SET guest_id = r.new FROM rekey r WHERE t.guest_id = r.old`);
    await c.query(
      `UPDATE guests t SET name = 'Гость ' || n.i, organisation = NULL, seat = NULL, phone = NULL, email = NULL
         FROM (SELECT id, row_number() OVER (ORDER BY id) AS i FROM guests) n WHERE t.id = n.id`,
    );
    // The stored answer named the guest: status and (new) id are what the figures need.
    await c.query(
      `UPDATE scans SET code = '', result = json_build_object('status', status, 'guestId', guest_id)::text`,
    );
    await c.query("UPDATE admission_undos SET reason = ''");
    await c.query('UPDATE feedback SET comment = NULL, client = NULL');
    // Open reissues pair a guest's codes; the feedback brake's senders and its key lead back to phones.
    await c.query('DELETE FROM badge_reissues; DELETE FROM feedback_brake; DELETE FROM feedback_sender_key');
    await c.query(
      `UPDATE show_log SET command = jsonb_set(command::jsonb, '{text}', '""')::text
         WHERE command::jsonb ->> 'type' = 'message'`,
    );
    await c.query(`UPDATE show_state SET json = jsonb_set(json::jsonb, '{message}', 'null')::text`);
    await c.query(
      `UPDATE devices t SET name = t.role || ' ' || n.i
         FROM (SELECT id, row_number() OVER (PARTITION BY role ORDER BY created_at, id) AS i FROM devices) n
         WHERE t.id = n.id`,
    );
    await c.query('UPDATE pairing_codes SET name = NULL');
    // Broadcasts the hubs passed each other (snapshots carry the scenario, states the host's line):
    // the adapter drops them after a while by itself; the purge does not wait for that.
    await c.query(
      `DO $$ BEGIN IF to_regclass('socket_io_attachments') IS NOT NULL THEN DELETE FROM socket_io_attachments; END IF; END $$`,
    );
    const scenario = (await c.query<{ json: string }>('SELECT json FROM scenario WHERE id = 1')).rows[0];
    if (scenario) {
      const people = anonymise(
        JSON.parse(scenario.json) as Scenario,
        guests.map((g) => g.name),
      );
      await c.query('UPDATE scenario SET json = $1, updated_at = $2 WHERE id = 1', [
        JSON.stringify(people),
        now,
      ]);
    }
    await newCopyGeneration(c, 'checkins');
    await newCopyGeneration(c, 'stations');
    await newCopyGeneration(c, 'purge');
    // First: the other hubs overwrite what their copies of the parts delete, then rebuild their files.
    await shared.changed(c, 'purge');
    for (const part of Object.keys(EVENING_PARTS) as EveningPart[]) await shared.changed(c, part);
  });
  for (const part of Object.keys(EVENING_PARTS) as EveningPart[]) await shared.pull(part);
}
