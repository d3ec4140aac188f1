import { describe, expect, it } from 'vitest';
import type { DisplayStatus } from './events/display.js';
import {
  clipReportFor,
  needsSeek,
  playheadAt,
  positionForAction,
  type ClipReport,
  type Playhead,
} from './playhead.js';
import type { MediaAction, ShowState } from './show.js';

type Show = Pick<ShowState, 'cueStartedAt' | 'media'>;
const fresh: Show = { cueStartedAt: 10_000, media: null };
const paused: Show = { cueStartedAt: 10_000, media: { action: 'pause', at: 20_000, positionS: 6.4 } };
const played: Show = { cueStartedAt: 10_000, media: { action: 'play', at: 30_000, positionS: 6.4 } };
const restarted: Show = { cueStartedAt: 10_000, media: { action: 'restart', at: 40_000, positionS: 0 } };

describe('playheadAt', () => {
  it.each<{ name: string; show: Show; now: number; durationS?: number | null; want: Playhead }>([
    {
      name: 'untouched: runs from the cue start',
      show: fresh,
      now: 13_250,
      want: { positionS: 3.25, playing: true },
    },
    {
      name: 'untouched, a clock a little behind the GO',
      show: fresh,
      now: 9_900,
      want: { positionS: 0, playing: true },
    },
    {
      name: 'paused: the same frame however long after',
      show: paused,
      now: 99_000,
      want: { positionS: 6.4, playing: false },
    },
    {
      name: 'played: runs on from the paused frame',
      show: played,
      now: 32_000,
      want: { positionS: 8.4, playing: true },
    },
    {
      name: 'restarted: from the top since the press',
      show: restarted,
      now: 41_500,
      want: { positionS: 1.5, playing: true },
    },
    {
      name: 'long over: just before the end, so the clip ends by itself',
      show: fresh,
      now: 60_000,
      durationS: 12,
      want: { positionS: 11.9, playing: true },
    },
    {
      name: 'paused past the end of a shorter clip: its last frame',
      show: { ...paused, media: { action: 'pause', at: 20_000, positionS: 30 } },
      now: 60_000,
      durationS: 12,
      want: { positionS: 12, playing: false },
    },
    {
      name: 'an unknown length clamps nothing',
      show: fresh,
      now: 60_000,
      durationS: NaN,
      want: { positionS: 50, playing: true },
    },
    {
      name: 'before the first GO: the top',
      show: { cueStartedAt: null, media: null },
      now: 5_000,
      want: { positionS: 0, playing: true },
    },
  ])('$name', ({ show, now, durationS = null, want }) => {
    const got = playheadAt(show, now, durationS);
    expect(got.playing).toBe(want.playing);
    expect(got.positionS).toBeCloseTo(want.positionS, 6);
  });
});

describe('needsSeek', () => {
  it.each([
    { current: 0, head: { positionS: 0.4, playing: true }, want: false },
    { current: 0, head: { positionS: 3.5, playing: true }, want: true },
    { current: 5, head: { positionS: 4.2, playing: true }, want: false },
    { current: 0, head: { positionS: 0.4, playing: false }, want: true },
    { current: 6.42, head: { positionS: 6.4, playing: false }, want: false },
    { current: 12, head: { positionS: 0, playing: true }, want: true },
  ])('at $current → $head.positionS (playing $head.playing): $want', ({ current, head, want }) => {
    expect(needsSeek(current, head)).toBe(want);
  });
});

const report = (over: Partial<ClipReport>): ClipReport => ({
  status: 'playing',
  positionS: 4,
  durationS: 12,
  at: 35_000,
  ...over,
});

describe('positionForAction', () => {
  it.each<{
    name: string;
    show: Show;
    action: MediaAction;
    now: number;
    report: ClipReport | null;
    want: number;
  }>([
    { name: 'restart is the top', show: played, action: 'restart', now: 36_000, report: report({}), want: 0 },
    {
      name: 'pause: where the projector said, plus the time since',
      show: played,
      action: 'pause',
      now: 35_800,
      report: report({ positionS: 11, at: 35_000 }),
      want: 11.8,
    },
    {
      name: 'pause with no projector: the state reckons',
      show: played,
      action: 'pause',
      now: 35_800,
      report: null,
      want: 12.2,
    },
    {
      name: 'a report from before the last action is not believed',
      show: played,
      action: 'pause',
      now: 31_000,
      report: report({ positionS: 9, at: 29_000 }),
      want: 7.4,
    },
    {
      name: 'a playing report while the state says paused was sent before the pause arrived',
      show: paused,
      action: 'play',
      now: 20_500,
      report: report({ status: 'playing', positionS: 6.3, at: 20_100 }),
      want: 6.4,
    },
    {
      name: 'play after a pause: the frame the projector shows',
      show: paused,
      action: 'play',
      now: 28_000,
      report: report({ status: 'paused', positionS: 6.41, at: 21_000 }),
      want: 6.41,
    },
    {
      name: 'a loading projector (just reloaded) says nothing about the hall',
      show: played,
      action: 'pause',
      now: 31_000,
      report: report({ status: 'loading', positionS: 0, at: 30_900 }),
      want: 7.4,
    },
    {
      name: 'play after the clip ended: from the top, as a browser does',
      show: fresh,
      action: 'play',
      now: 30_000,
      report: report({ status: 'ended', positionS: 12, at: 22_100 }),
      want: 0,
    },
    {
      name: 'pause after the clip ended: its last frame',
      show: fresh,
      action: 'pause',
      now: 30_000,
      report: report({ status: 'ended', positionS: 12, at: 22_100 }),
      want: 12,
    },
    {
      name: 'a long-silent playing report never runs past the end',
      show: fresh,
      action: 'pause',
      now: 30_000,
      report: report({ positionS: 10, at: 20_000 }),
      want: 12,
    },
  ])('$name', ({ show, action, now, report: r, want }) => {
    expect(positionForAction(show, action, now, r)).toBeCloseTo(want, 6);
  });
});

const display = (over: Partial<DisplayStatus>): DisplayStatus => ({
  deviceId: 'd',
  name: 'Проектор',
  view: 'main',
  cueId: 'v1',
  media: { cueId: 'v1', status: 'playing', positionS: 3, durationS: 12 },
  nextReady: true,
  connected: true,
  lastSeenAt: 5_000,
  reportedAt: 5_000,
  ...over,
});

describe('clipReportFor', () => {
  it.each<{ name: string; displays: DisplayStatus[]; want: ClipReport | null }>([
    { name: 'no displays', displays: [], want: null },
    {
      name: 'the projector rather than the confidence monitor',
      displays: [
        display({
          deviceId: 'c',
          view: 'confidence',
          media: { cueId: 'v1', status: 'paused', positionS: 1, durationS: 12 },
        }),
        display({ deviceId: 'm', reportedAt: 4_000 }),
      ],
      want: { status: 'playing', positionS: 3, durationS: 12, at: 4_000 },
    },
    {
      name: 'a dropped projector does not count; another display does',
      displays: [
        display({ connected: false }),
        display({
          deviceId: 'c',
          view: 'confidence',
          media: { cueId: 'v1', status: 'paused', positionS: 1, durationS: 12 },
        }),
      ],
      want: { status: 'paused', positionS: 1, durationS: 12, at: 5_000 },
    },
    {
      name: 'a display about another clip',
      displays: [display({ media: { cueId: 'v2', status: 'ready', positionS: 0, durationS: 9 } })],
      want: null,
    },
    { name: 'connected but not reported yet', displays: [display({ reportedAt: null })], want: null },
  ])('$name', ({ displays, want }) => {
    expect(clipReportFor('v1', displays)).toEqual(want);
  });
});
