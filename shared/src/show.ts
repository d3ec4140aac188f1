import { z } from 'zod';

export const ShowStatusSchema = z.enum(['pre-show', 'running', 'ended']);
export type ShowStatus = z.infer<typeof ShowStatusSchema>;

export const MediaActionSchema = z.enum(['play', 'pause', 'restart']);
export type MediaAction = z.infer<typeof MediaActionSchema>;

export const ShowStateSchema = z.object({
  /** +1 on every change; the server is the only author. */
  revision: z.number().int().nonnegative(),
  cueId: z.string().nullable(),
  cueIndex: z.number().int().min(-1),
  status: ShowStatusSchema,
  blackout: z.boolean(),
  /** Server epoch ms when the current cue went live. */
  cueStartedAt: z.number().nullable(),
  /** Server epoch ms of the first GO: the show clock counts from here. */
  showStartedAt: z.number().nullable(),
  /** Server epoch ms of the GO that ended the show: the show clock stops here. Missing in older states: null. */
  showEndedAt: z.number().nullable().default(null),
  /** A line from the host to the presenter's confidence monitor. */
  message: z.object({ text: z.string(), at: z.number() }).nullable(),
  /**
   * The host's last play/pause/restart for the current video cue; null means "play as the cue starts".
   * `positionS` is where the clip was when the host acted (0 for restart): paused, it stays there;
   * otherwise it runs on from there since `at`. Missing in states saved before it existed: 0.
   */
  media: z
    .object({ action: MediaActionSchema, at: z.number(), positionS: z.number().min(0).default(0) })
    .nullable(),
});
export type ShowState = z.infer<typeof ShowStateSchema>;

/** The state of a show nobody has started yet. */
export function initialShowState(): ShowState {
  return {
    revision: 0,
    cueId: null,
    cueIndex: -1,
    status: 'pre-show',
    blackout: false,
    cueStartedAt: null,
    showStartedAt: null,
    showEndedAt: null,
    message: null,
    media: null,
  };
}

/** What can be asked of the show. `expectedRevision` is optional only where a hardware button fires it. */
export type ShowCommand =
  | { type: 'go'; expectedRevision?: number }
  | { type: 'back'; expectedRevision?: number }
  | { type: 'goto'; cueId: string; expectedRevision?: number }
  | { type: 'blackout'; on: boolean; expectedRevision?: number }
  | { type: 'message'; text: string | null; expectedRevision?: number }
  /** `positionS`: where the clip is now, as the server measured it; without it the state's own reckoning. */
  | { type: 'media'; action: MediaAction; positionS?: number; expectedRevision?: number }
  /** Issued by the server itself when a cue's auto-follow is due (its timer fired, or its video ended). */
  | { type: 'auto-follow'; fromCueId: string; expectedRevision: number };
