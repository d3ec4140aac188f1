import { z } from 'zod';

/**
 * The booth: the other tools of the evening (QLab, a lighting desk, Companion, OBS) that follow the
 * show. These shapes are the contract between the control-server, Setup and the admin's booth page;
 * docs/INTEGRATIONS.md explains them to the people in the booth.
 */

const targetId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'латиница, цифры и дефис');

/** A machine in the booth the show talks to: QLab on the sound laptop, a lighting desk, a web hook. */
export const BoothTargetSchema = z.object({
  id: targetId,
  name: z.string().trim().min(1).max(80),
  protocol: z.enum(['osc', 'http']),
  host: z.string().trim().min(1).max(253),
  port: z.number().int().min(1).max(65535),
  /** Receives `/ceremony/cue ,isss <index> <cueId> <kind> <title>` on every cue change (OSC only). */
  cueFeed: z.boolean().default(false),
});
export type BoothTarget = z.infer<typeof BoothTargetSchema>;

/** An OSC address as the OSC 1.0 spec allows it: a slash, then no spaces or pattern characters. */
const oscAddress = z
  .string()
  .max(200)
  .regex(/^\/[^\s#*,?[\]{}]*$/, 'адрес OSC начинается с «/» и без пробелов');

/** Something a cue does in the booth when it goes live (`start`) or when the show leaves it (`end`). */
export const CueActionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('osc'),
    when: z.enum(['start', 'end']),
    targetId,
    /** QLab: `/go`, `/cue/12/start`; a lighting desk: its own preset address. */
    address: oscAddress,
    args: z
      .array(z.union([z.number().finite(), z.string().max(200)]))
      .max(8)
      .default([]),
  }),
  z.object({
    kind: z.literal('http'),
    when: z.enum(['start', 'end']),
    targetId,
    method: z.enum(['GET', 'POST', 'PUT']),
    path: z.string().max(500).startsWith('/'),
    body: z.string().max(2000).optional(),
  }),
]);
export type CueAction = z.infer<typeof CueActionSchema>;

/** `PUT /api/admin/booth/targets` (admin): the whole list at once, ids unique. */
export const BoothTargetsBodySchema = z.object({
  targets: z
    .array(BoothTargetSchema)
    .max(32)
    .refine((ts) => new Set(ts.map((t) => t.id)).size === ts.length, 'имена целей повторяются'),
});

/** `POST /api/admin/booth/try` (admin): fire one action by hand, the «Проверить» button. */
export const BoothTryBodySchema = z.object({ action: CueActionSchema });

/** A cue as a control surface names it. */
export interface CueHeadline {
  id: string;
  index: number;
  kind: string;
  title: string;
}

/**
 * `GET /api/show/state` (host or admin token) and each event of its live feed: what a Stream Deck
 * button shows. The first six fields are bound by protocol.md; the rest are ours.
 */
export interface ShowReadback {
  ok: true;
  revision: number;
  blackout: boolean;
  cue: CueHeadline | null;
  next: CueHeadline | null;
  /** Seconds left of the live cue's planned length (negative: overrunning); null when it has none. */
  cueRemainingS: number | null;
  /** `pre-show`, `running` or `ended`: a button can say «до начала» or «конец». */
  status: 'pre-show' | 'running' | 'ended';
  /** The colour a time-left button takes: on plan, in the cue's last quarter (≤ 15 s), over. */
  cueTone: 'ok' | 'warn' | 'over' | null;
  cueElapsedS: number | null;
  /** The whole show against plan: positive is behind (late), negative ahead. */
  overUnderS: number | null;
  video: { positionS: number; remainingS: number | null } | null;
  arrivals: { admitted: number; expected: number };
}
