import { z } from 'zod';
import { CueActionSchema } from './booth.js';

/** Short text fields (names, titles), in characters: a 120-character organisation name with room to spare. */
export const TITLE_MAX_CHARS = 300;
/** A cue's script for the host, in characters. */
export const NOTES_MAX_CHARS = 5000;
/** A person's name beside a title (an organisation's leader), in characters. */
export const PERSON_MAX_CHARS = 200;
/** A paragraph people read (a citation, a nomination's description), in characters. */
export const PARAGRAPH_MAX_CHARS = 1000;
/** The longest planned duration or auto-follow wait, in seconds: a day. */
export const CUE_SECONDS_MAX = 24 * 3600;

const title = z.string().trim().min(1).max(TITLE_MAX_CHARS);
const notes = z.string().max(NOTES_MAX_CHARS);
const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'id: latin letters, digits, _ and - only');
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour: #rrggbb');

export const BrandingSchema = z.object({
  primary: colour,
  accent: colour,
  background: colour,
  text: colour,
  logoUrl: z.string().max(500).optional(),
});
export type Branding = z.infer<typeof BrandingSchema>;

export const GuestCategorySchema = z.enum(['nominee', 'honoured', 'official', 'guest', 'press', 'volunteer']);
export type GuestCategory = z.infer<typeof GuestCategorySchema>;

/**
 * Where a guest without a seat goes, by category («Партер, ряды 1–4: номинанты»): the organiser's
 * words for this hall, so they are data of the ceremony, never strings in the routing code.
 */
export const SeatingZonesSchema = z.partialRecord(GuestCategorySchema, z.string().trim().min(1).max(200));
export type SeatingZones = z.infer<typeof SeatingZonesSchema>;

export const CeremonySchema = z.object({
  id,
  title,
  subtitle: z.string().max(300).optional(),
  venue: z.string().max(300),
  /** When the show is planned to start, server epoch ms. Routing uses it to decide how long stations stay open. */
  startsAt: z.number().int().nonnegative(),
  /** Double-GO guard window in milliseconds (default 600). */
  goGuardMs: z.number().int().min(0).max(10_000).default(600),
  branding: BrandingSchema,
  /** How long the evening is planned to last, seconds: the run of show's total is shown against it. */
  plannedDurationS: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600)
    .optional(),
  /** True while this is the built-in demo with its invented people (readiness warns; a new ceremony clears it). */
  demo: z.boolean().optional(),
  /** Seating zones by guest category; a category without one is sent to its seat only. */
  zones: SeatingZonesSchema.optional(),
});
export type Ceremony = z.infer<typeof CeremonySchema>;

export const NominationSchema = z.object({
  id,
  title,
  description: z.string().max(PARAGRAPH_MAX_CHARS).default(''),
});
export type Nomination = z.infer<typeof NominationSchema>;

export const NomineeKindSchema = z.enum(['organisation', 'citizen']);
export type NomineeKind = z.infer<typeof NomineeKindSchema>;

export const NomineeSchema = z.object({
  id,
  nominationId: id,
  kind: NomineeKindSchema,
  /** The organisation's title, or the citizen's full name. */
  name: title,
  /** For an organisation: the leader who comes on stage. */
  leader: z.string().max(PERSON_MAX_CHARS).optional(),
  citation: z.string().max(PARAGRAPH_MAX_CHARS).default(''),
  photoUrl: z.string().max(500).optional(),
  /** Without consent to personal-data processing the projector shows the name only. */
  consent: z.boolean().default(false),
  /** Chosen to receive the statuette (revealed on the award cue). */
  honoured: z.boolean().default(false),
});
export type Nominee = z.infer<typeof NomineeSchema>;

export const StationSchema = z.object({
  id,
  title,
  location: z.string().max(200).default(''),
  capacity: z.number().int().min(1).max(10_000),
  /** How long a guest typically spends there, minutes. */
  typicalMinutes: z.number().int().min(1).max(240),
});
export type Station = z.infer<typeof StationSchema>;

export const AutoFollowSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({
    kind: z.literal('after'),
    seconds: z.number().int().min(1).max(CUE_SECONDS_MAX),
  }),
  z.object({ kind: z.literal('video-end') }),
]);
export type AutoFollow = z.infer<typeof AutoFollowSchema>;

const cueBase = {
  id,
  title,
  /** The script the host reads while this cue is live. */
  notes: notes.default(''),
  plannedDurationS: z.number().int().min(0).max(CUE_SECONDS_MAX),
  autoFollow: AutoFollowSchema.default({ kind: 'none' }),
  /** A skipped cue stays in the run of show but GO and BACK pass over it. */
  skip: z.boolean().default(false),
  /**
   * Set on cues the run-of-show generator made: the nomination id of their block, or `frame` for the
   * opening and closing cues. Regenerating one block replaces only the cues carrying its id; editing a
   * generated cue in Setup clears it, so a hand-edited cue is never regenerated away.
   */
  block: id.optional(),
  /** What the booth does when this cue goes live or ends (QLab, lights): see booth.ts. */
  actions: z.array(CueActionSchema).max(10).optional(),
};

export const CueSchema = z.discriminatedUnion('kind', [
  z.object({ ...cueBase, kind: z.literal('title'), subtitle: z.string().max(300).optional() }),
  z.object({ ...cueBase, kind: z.literal('nomination-intro'), nominationId: id }),
  z.object({ ...cueBase, kind: z.literal('nominee'), nomineeId: id }),
  z.object({ ...cueBase, kind: z.literal('award'), nominationId: id, nomineeIds: z.array(id).max(50) }),
  z.object({
    ...cueBase,
    kind: z.literal('video'),
    mediaUrl: z.string().max(500),
    nomineeId: id.optional(),
    /** A WebVTT file (`/media/{name}.vtt`) shown as captions on the projector and the confidence monitor. */
    subtitlesUrl: z.string().max(500).optional(),
    /** False turns this cue's captions off; absent or true shows them (when it has subtitles). */
    captions: z.boolean().optional(),
  }),
  z.object({ ...cueBase, kind: z.literal('performance'), performer: title }),
  z.object({ ...cueBase, kind: z.literal('speech'), speaker: title, role: z.string().max(300).default('') }),
  z.object({ ...cueBase, kind: z.literal('break') }),
  z.object({ ...cueBase, kind: z.literal('hold') }),
  z.object({ ...cueBase, kind: z.literal('countdown'), targetAt: z.number().int().nonnegative().optional() }),
  z.object({ ...cueBase, kind: z.literal('finale'), feedbackUrl: z.string().max(500).optional() }),
]);
export type Cue = z.infer<typeof CueSchema>;
export type CueKind = Cue['kind'];
export const CUE_KINDS = [
  'title',
  'nomination-intro',
  'nominee',
  'award',
  'video',
  'performance',
  'speech',
  'break',
  'hold',
  'countdown',
  'finale',
] as const satisfies readonly CueKind[];

/** Everything about the evening that every role may see: no guest data in here. */
export const ScenarioSchema = z.object({
  ceremony: CeremonySchema,
  nominations: z.array(NominationSchema).max(100),
  nominees: z.array(NomineeSchema).max(2000),
  stations: z.array(StationSchema).max(100),
  cues: z.array(CueSchema).min(1).max(1000),
});
export type Scenario = z.infer<typeof ScenarioSchema>;

export const GuestSchema = z.object({
  id,
  name: title,
  category: GuestCategorySchema,
  organisation: z.string().max(300).optional(),
  seat: z.string().max(50).optional(),
  nomineeId: id.optional(),
  /** The nomination as the guest list names it (from the spreadsheet's «Номинация» column). */
  nomination: z.string().max(300).optional(),
  badgeCode: z.string().min(8).max(128),
  consent: z.boolean().default(false),
  phone: z.string().max(50).optional(),
  email: z.string().max(200).optional(),
});
export type Guest = z.infer<typeof GuestSchema>;

/** Checks the references inside a scenario that a schema alone cannot: ids unique, cues point at real things. */
export function scenarioProblems(s: Scenario): string[] {
  const problems: string[] = [];
  const unique = (what: string, ids: string[]) => {
    const seen = new Set<string>();
    for (const x of ids) {
      if (seen.has(x)) problems.push(`${what}: duplicate id ${x}`);
      seen.add(x);
    }
    return seen;
  };
  const nominations = unique(
    'nominations',
    s.nominations.map((n) => n.id),
  );
  const nominees = unique(
    'nominees',
    s.nominees.map((n) => n.id),
  );
  unique(
    'stations',
    s.stations.map((n) => n.id),
  );
  unique(
    'cues',
    s.cues.map((c) => c.id),
  );
  s.nominees.forEach((n, i) => {
    if (!nominations.has(n.nominationId))
      problems.push(`nominees[${i}].nominationId: unknown ${n.nominationId}`);
  });
  s.cues.forEach((c, i) => {
    if ('nominationId' in c && !nominations.has(c.nominationId))
      problems.push(`cues[${i}].nominationId: unknown ${c.nominationId}`);
    if ('nomineeId' in c && c.nomineeId !== undefined && !nominees.has(c.nomineeId))
      problems.push(`cues[${i}].nomineeId: unknown ${c.nomineeId}`);
    if (c.kind === 'award')
      c.nomineeIds.forEach((n, j) => {
        if (!nominees.has(n)) problems.push(`cues[${i}].nomineeIds[${j}]: unknown ${n}`);
      });
  });
  return problems;
}
