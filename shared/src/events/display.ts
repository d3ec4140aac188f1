import { z } from 'zod';
import type { Ack, Role } from './common.js';

/** The projector, the presenter's confidence monitor, or the stream overlay (it shows no video, and is no projector). */
export const DisplayViewSchema = z.enum(['main', 'confidence', 'overlay']);
export type DisplayView = z.infer<typeof DisplayViewSchema>;

export const MediaStatusSchema = z.enum(['none', 'loading', 'ready', 'playing', 'paused', 'ended', 'error']);
export type MediaStatus = z.infer<typeof MediaStatusSchema>;

/** What a display says about itself: which cue it shows and how the live video is doing. */
export const DisplayReportSchema = z.strictObject({
  view: DisplayViewSchema,
  /** The cue the display is painting now (null before the show). */
  cueId: z.string().max(64).nullable(),
  media: z.strictObject({
    /** The video cue this report is about (the live one, or the next one being preloaded). */
    cueId: z.string().max(64).nullable(),
    status: MediaStatusSchema,
    positionS: z.number().min(0).max(86_400),
    durationS: z.number().min(0).max(86_400).nullable(),
  }),
  /** Whether the next cue's media is loaded and ready to start without a gap. */
  nextReady: z.boolean(),
});
export type DisplayReport = z.infer<typeof DisplayReportSchema>;

/** One connected (or recently dropped) display, as the host console lists it. */
export interface DisplayStatus extends DisplayReport {
  deviceId: string;
  name: string;
  connected: boolean;
  /** Server epoch ms of the last report or connect. */
  lastSeenAt: number;
  /** Server epoch ms of the last report (null until one came): how fresh `media.positionS` is. */
  reportedAt: number | null;
}

export const displayPayloads = {
  'display:report': DisplayReportSchema,
};

export interface DisplayClientEvents {
  'display:report': (p: DisplayReport, ack: Ack) => void;
}

export interface DisplayServerEvents {
  /** To host and admin whenever a display connects, drops or reports. */
  'displays:status': (displays: DisplayStatus[]) => void;
}

export const displayRoles = {
  'display:report': ['display', 'admin'],
} as const satisfies Record<keyof DisplayClientEvents, readonly Role[]>;
