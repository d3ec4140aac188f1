import type { NotCommitted } from '../unavailable.js';
import { connectionFor } from './hosts.js';

/** How long the check may take: the command asking has already waited out its query timeout. */
const CHECK_MS = 2000;

/**
 * Whether commits on the primary are waiting for its synchronous standby: `synchronous_standby_names`
 * names a standby that no longer answers (the backup laptop switched off), so every GO and scan waits
 * until it is back or `standby.sh solo` runs. The database itself answers, so «unreachable» would send
 * the organiser looking in the wrong place. Asked on a connection of its own: the pool's may all be
 * taken by commits that wait. Any failure to tell counts as «not waiting».
 */
export async function whyNotCommitted(url: string): Promise<NotCommitted> {
  const { Client, config } = connectionFor(url);
  const client = new Client({ ...config, connectionTimeoutMillis: CHECK_MS, query_timeout: CHECK_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ waiting: boolean }>(
      "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE wait_event = 'SyncRep') AS waiting",
    );
    return rows[0]?.waiting === true ? 'error.store.standbyWaiting' : 'error.store.unavailable';
  } catch {
    return 'error.store.unavailable';
  } finally {
    await client.end().catch(() => undefined);
  }
}
