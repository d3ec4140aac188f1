import { GuestSchema, ScenarioSchema, type Guest, type Scenario } from '@ceremony/shared';

import { DEMO_STATIONS, demoCeremony } from './ceremony.js';
import { demoGuests } from './guests.js';
import { DEMO_NOMINATIONS } from './nominations.js';
import { NOMINEES_1_4 } from './nominees-1-4.js';
import { NOMINEES_5_7 } from './nominees-5-7.js';
import { demoCues } from './run-of-show.js';

/**
 * The built-in demo ceremony «Светлые люди», loaded when the server's data folder is empty.
 * Everyone in it is invented. Deterministic apart from the badge codes, which come from `newBadgeCode`.
 */
export function buildDemo(opts: { startsAt: number; newBadgeCode: () => string }): {
  scenario: Scenario;
  guests: Guest[];
} {
  const nominees = [...NOMINEES_1_4, ...NOMINEES_5_7];
  const scenario = ScenarioSchema.parse({
    ceremony: demoCeremony(opts.startsAt),
    nominations: DEMO_NOMINATIONS,
    nominees,
    stations: DEMO_STATIONS,
    cues: demoCues(opts.startsAt, DEMO_NOMINATIONS, nominees),
  });
  const guests = demoGuests(nominees, opts.newBadgeCode).map((g) => GuestSchema.parse(g));
  return { scenario, guests };
}
