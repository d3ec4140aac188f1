/**
 * The evening's clock across a change of database server. With DATABASE_URL the hubs count time by
 * PostgreSQL's clock, so every hub and its screens agree. When the primary dies and the standby is
 * promoted, that clock becomes the other laptop's: without a correction the evening's time would
 * jump by however far the two laptops' clocks are apart (a GO refused as a double tap for that long,
 * every countdown off by as much). A hub that lived through the change knows both clocks against its
 * own, so it can carry the evening's time over; the correction it finds is stored for the server's
 * new timeline (a promoted standby starts one), and every hub, also one that starts later, keeps it.
 */

/** What a hub last counted by: the database's timeline then, and its own clock → the evening's. */
export interface EveningClockBefore {
  timeline: number;
  eveningOffsetMs: number;
}

/** One reading of the database: its timeline (null: it would not say) and clock, and what is stored. */
export interface EveningClockReading {
  timeline: number | null;
  /** Add to this machine's clock to get the database server's. */
  databaseOffsetMs: number;
  /** The correction some hub stored for this timeline, or null. */
  storedCorrectionMs: number | null;
}

export interface EveningCorrection {
  /** Add to the database server's clock to get the evening's. */
  correctionMs: number;
  /** True when this hub proposes it for the timeline: the first proposal stored is the one all keep. */
  propose: boolean;
}

export function eveningCorrection(
  before: EveningClockBefore | null,
  reading: EveningClockReading,
): EveningCorrection {
  if (reading.timeline === null) return { correctionMs: 0, propose: false };
  if (reading.storedCorrectionMs !== null)
    return { correctionMs: reading.storedCorrectionMs, propose: false };
  // The server changed under this hub: keep the evening's time where it was.
  if (before && before.timeline !== reading.timeline)
    return { correctionMs: before.eveningOffsetMs - reading.databaseOffsetMs, propose: true };
  // The evening's first server, or a change no running hub saw: its clock is the evening's.
  return { correctionMs: 0, propose: false };
}
