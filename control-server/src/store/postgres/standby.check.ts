import type { NotCommitted } from '../unavailable.js';
import { failuresIn } from '../failure.js';
import { connectionFor } from './hosts.js';
import { NoWritableServer } from './primary.js';

/** How long the check may take: the command asking has already waited out its query timeout. */
const CHECK_MS = 2000;

/**
 * Why a write was not confirmed, for words that say what to do. Only the standby answering: the
 * primary is gone, `standby.sh promote` is the next step. Or commits on the primary are waiting for
 * its synchronous standby: `synchronous_standby_names`
 * names a standby that no longer answers (the backup laptop switched off), so every GO and scan waits
 * until it is back or `standby.sh solo` runs. The database itself answers, so «unreachable» would send
 * the organiser looking in the wrong place. Asked on a connection of its own: the pool's may all be
 * taken by commits that wait. Any failure to tell counts as «not waiting».
 */
export async function whyNotCommitted(url: string, failure?: unknown): Promise<NotCommitted> {
  // Said from the failure itself when it tells, at once: asking again would wait out a dark
  // laptop's probe a second time.
  if (noWritable(failure)) return unreachable(failure);
  const { Client, config } = connectionFor(url);
  const client = new Client({ ...config, connectionTimeoutMillis: CHECK_MS, query_timeout: CHECK_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ waiting: boolean }>(
      "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE wait_event = 'SyncRep') AS waiting",
    );
    return rows[0]?.waiting === true ? 'error.store.standbyWaiting' : 'error.store.unavailable';
  } catch (err) {
    // A connection that broke with the primary: asking again finds no server that takes writes.
    return unreachable(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** No server takes writes: the standby answering alone means the primary is gone (promote). */
function unreachable(failure: unknown): NotCommitted {
  return (noWritable(failure)?.standbys ?? 0) > 0 ? 'error.store.standbyOnly' : 'error.store.unavailable';
}

/** The NoWritableServer a failure is, or was caused by (StoreUnavailableError wraps its cause). */
function noWritable(failure: unknown): NoWritableServer | null {
  return failuresIn(failure).find((e) => e instanceof NoWritableServer) ?? null;
}
