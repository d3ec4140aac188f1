import type { StationGuest, StationVisitResult } from '@ceremony/shared';
import type { ShowClient } from '@ceremony/shared/client';
import { newScanId } from '../scanId.js';

const KEY = 'ceremony.checkin.station';

/** The station this phone works at, remembered across reloads. */
export function savedStation(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** Remembers (or with null, forgets) the station this phone works at. */
export function saveStation(id: string | null): void {
  if (id) localStorage.setItem(KEY, id);
  else localStorage.removeItem(KEY);
}

export type VisitAnswer = { ok: true; visit: StationVisitResult } | { ok: false; message: string };

/** A scan at the station: the guest is inside now. */
export async function recordVisit(client: ShowClient, stationId: string, code: string): Promise<VisitAnswer> {
  const answer = await client.send('station:visit', { stationId, code, scanId: newScanId() });
  return answer.ok ? answer : { ok: false, message: answer.error.message };
}

/** Who is inside the station now; an empty list when the server does not answer. */
export async function guestsInside(client: ShowClient, stationId: string): Promise<StationGuest[]> {
  const answer = await client.send('station:guests', { stationId });
  return answer.ok ? answer.guests : [];
}
