import { type StationGuest, type StationVisitResult, type ErrorBody } from '@ceremony/shared';
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

/** A visit's answer; scanId is what takes the visit back if it was a mistake. */
export type VisitAnswer =
  { ok: true; visit: StationVisitResult; scanId: string } | { ok: false; error: ErrorBody };

/** A scan (or a typed code, or a guest found in search) at the station: the guest is inside now. */
export async function recordVisit(
  client: ShowClient,
  stationId: string,
  who: { code: string } | { guestId: string },
): Promise<VisitAnswer> {
  const scanId = newScanId();
  const answer = await client.send('station:visit', { stationId, ...who, scanId });
  return answer.ok ? { ok: true, visit: answer.visit, scanId } : { ok: false, error: answer.error };
}

/** Takes back a visit recorded by mistake; answers whether the server did. */
export async function undoVisit(client: ShowClient, stationId: string, scanId: string): Promise<boolean> {
  return (await client.send('station:undo', { stationId, scanId })).ok;
}

/** Who is inside the station now; an empty list when the server does not answer. */
export async function guestsInside(client: ShowClient, stationId: string): Promise<StationGuest[]> {
  const answer = await client.send('station:guests', { stationId });
  return answer.ok ? answer.guests : [];
}
