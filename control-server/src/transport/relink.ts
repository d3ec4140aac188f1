import { inBackground } from '../background.js';
import type { ShowService } from '../domain/show.service.js';
import type { AdapterLink } from './adapter-pool.js';
import type { ShowBroadcast } from './broadcast.js';

/**
 * What this hub does about the broadcasts it missed while its link to the other hubs was down
 * (PostgreSQL restarting, a blip of the venue's network): a GO given on another hub meanwhile reached
 * that hub's screens but never this one's, and NOTIFY keeps nothing for a listener that was away. So
 * once the link is back, if the show as stored has moved since the link was lost, this hub's own
 * screens get it as a snapshot (each role its view), as when they connect. Nothing is sent when the
 * show did not move: a projector is not handed its own picture again.
 */
export function showCatchUp(show: ShowService, broadcast: ShowBroadcast): AdapterLink {
  let since: number | null = null;
  return {
    lost: () => void (since ??= show.current().revision),
    back: inBackground('catching up on the show after the hubs link was back', async () => {
      if (since === null) return;
      const before = since;
      since = null;
      try {
        await show.refresh();
      } catch (err) {
        // The database went away again: the next time the link is back, catch up from the same point.
        since ??= before;
        throw err;
      }
      if (show.current().revision > before) broadcast.snapshot(show.snapshot());
    }),
  };
}
