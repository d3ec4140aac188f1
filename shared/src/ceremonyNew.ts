import type { Ceremony, Cue, Scenario } from './domain.js';
import { translate, type Lang } from './i18n/index.js';
import type { CeremonySettings, NewCeremonyRemovals, NewCeremonyRequest } from './prepare.js';

/**
 * The pure half of «Новая церемония» and «Настройки церемонии»: what the new scenario is and how
 * settings land in it. The server decides when (not while the show runs) and writes it.
 */

/**
 * The run of show a new ceremony starts with: a countdown to the start and a title slide. The
 * scenario needs at least one cue; both are marked `block: 'frame'`, so the run-of-show generator
 * replaces them with its own opening and nothing invented stays behind.
 */
export function minimalRunOfShow(ceremony: Ceremony): Cue[] {
  const base = { notes: '', autoFollow: { kind: 'none' } as const, skip: false, block: 'frame' };
  return [
    {
      ...base,
      id: 'frame-countdown',
      kind: 'countdown',
      title: 'До начала церемонии',
      plannedDurationS: 900,
      targetAt: ceremony.startsAt,
    },
    {
      ...base,
      id: 'frame-title',
      kind: 'title',
      title: ceremony.title,
      plannedDurationS: 60,
      ...(ceremony.subtitle ? { subtitle: ceremony.subtitle } : {}),
    },
  ];
}

/**
 * A new, empty ceremony from the current one: the request's title, date, venue and branding (the
 * rest from the current ceremony), a new id, `demo` cleared; no nominees, a minimal run of show; the
 * nominations and stations kept to be edited.
 */
export function newCeremonyScenario(current: Scenario, request: NewCeremonyRequest, id: string): Scenario {
  const was = { ...current.ceremony };
  delete was.demo;
  const subtitle = request.subtitle ?? was.subtitle;
  const ceremony: Ceremony = {
    ...was,
    id,
    title: request.title,
    startsAt: request.startsAt ?? was.startsAt,
    venue: request.venue ?? was.venue,
    branding: { ...was.branding, ...request.branding },
    plannedDurationS: request.plannedDurationS ?? was.plannedDurationS,
  };
  if (subtitle) ceremony.subtitle = subtitle;
  else delete ceremony.subtitle;
  if (ceremony.plannedDurationS === undefined) delete ceremony.plannedDurationS;
  return {
    ...current,
    ceremony,
    nominees: [],
    cues: minimalRunOfShow(ceremony),
  };
}

/**
 * Settings put into the scenario. A countdown aimed at the old start moves with it (it counted down
 * to «the start», not to a moment of its own); an absent goGuardMs keeps the current guard.
 */
export function applyCeremonySettings(scenario: Scenario, settings: CeremonySettings): Scenario {
  const old = scenario.ceremony;
  const ceremony: Ceremony = {
    id: old.id,
    title: settings.title,
    venue: settings.venue,
    startsAt: settings.startsAt,
    goGuardMs: settings.goGuardMs ?? old.goGuardMs,
    branding: settings.branding,
    ...(settings.subtitle ? { subtitle: settings.subtitle } : {}),
    ...(settings.plannedDurationS !== undefined ? { plannedDurationS: settings.plannedDurationS } : {}),
    ...(old.demo ? { demo: true } : {}),
    ...(settings.zones || old.zones ? { zones: settings.zones ?? old.zones } : {}),
  };
  const cues = scenario.cues.map((c) =>
    c.kind === 'countdown' && c.targetAt === old.startsAt ? { ...c, targetAt: settings.startsAt } : c,
  );
  return { ...scenario, ceremony, cues };
}

/** The order the confirmation names what goes: people first, then the show, then files and reviews. */
const REMOVAL_ORDER = [
  'nominees',
  'guests',
  'admissions',
  'stationVisits',
  'cues',
  'media',
  'feedback',
] as const;

/** «35 номинантов», «130 гостей» … for every count above zero, in the confirmation's order. */
export function removalPhrases(lang: Lang, removes: NewCeremonyRemovals): string[] {
  return REMOVAL_ORDER.filter((k) => removes[k] > 0).map((k) =>
    translate(lang, `prepare.count.${k}`, { n: removes[k] }),
  );
}

/**
 * «2026-12-12 18:00» (or `T` between, as a date and a time input give them) as epoch ms in this
 * machine's local time, or null when it is not a real date and time.
 */
export function parseLocalDateTime(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const at = new Date(y, mo - 1, d, h, mi);
  // Date rolls 31 February over into March: only a date that stays itself is real.
  const same =
    at.getFullYear() === y && at.getMonth() === mo - 1 && at.getDate() === d && at.getHours() === h;
  return same && mi < 60 ? at.getTime() : null;
}

/** The inverse, for a date and a time input: local «2026-12-12» and «18:00». */
export function localDateTimeParts(epochMs: number): { date: string; time: string } {
  const at = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}`,
    time: `${two(at.getHours())}:${two(at.getMinutes())}`,
  };
}
