import { describe, expect, it } from 'vitest';
import type { Cue, Station } from './domain.js';
import {
  routeGuest,
  showMoment,
  stationWindowMs,
  suggestStation,
  type RoutingInput,
  type ShowMoment,
} from './routing.js';

const MIN = 60_000;
const NOW = Date.UTC(2026, 10, 26, 17, 0);

const station = (id: string, capacity: number, typicalMinutes: number): Station => ({
  id,
  title: `Площадка ${id}`,
  location: `Фойе, ${id}`,
  capacity,
  typicalMinutes,
});
const STATIONS = [station('a', 10, 20), station('b', 10, 5), station('c', 4, 10)];

const preShow: ShowMoment = { status: 'pre-show', cue: null, cueStartedAt: null };
const running = (kind: 'speech' | 'break', startedMinAgo = 0, plannedMin = 20): ShowMoment => ({
  status: 'running',
  cue: { kind, plannedDurationS: plannedMin * 60 },
  cueStartedAt: NOW - startedMinAgo * MIN,
});

/** The organiser's zones for this hall (the demo seeds the same words); volunteers have none here. */
const ZONES: RoutingInput['zones'] = {
  nominee: 'Партер, ряды 1–4: номинанты',
  honoured: 'Партер, ряды 1–4: номинанты',
  official: 'Партер, 5-й ряд: официальные гости',
  press: 'Места для прессы у пульта',
  guest: 'Партер, свободная рассадка',
};

const base: RoutingInput = {
  guest: { category: 'guest' },
  zones: ZONES,
  stations: STATIONS,
  load: [],
  visited: [],
  moment: preShow,
  startsAt: NOW + 45 * MIN,
  now: NOW,
};

describe('stationWindowMs', () => {
  it.each([
    { name: 'before the start', moment: preShow, startsAt: NOW + 30 * MIN, want: 30 * MIN },
    { name: 'start time passed, show not begun', moment: preShow, startsAt: NOW - MIN, want: 0 },
    { name: 'show running', moment: running('speech'), startsAt: NOW - MIN, want: 0 },
    { name: 'break just begun', moment: running('break', 0, 20), startsAt: NOW - MIN, want: 20 * MIN },
    { name: 'break half over', moment: running('break', 12, 20), startsAt: NOW - MIN, want: 8 * MIN },
    { name: 'break overrun', moment: running('break', 25, 20), startsAt: NOW - MIN, want: 0 },
    {
      name: 'ended',
      moment: { status: 'ended', cue: { kind: 'finale', plannedDurationS: 300 }, cueStartedAt: NOW },
      startsAt: NOW - MIN,
      want: 0,
    },
  ] as const)('$name', ({ moment, startsAt, want }) => {
    expect(stationWindowMs(moment, startsAt, NOW)).toBe(want);
  });
});

describe('suggestStation', () => {
  it.each<{ name: string; input: Partial<RoutingInput>; want: string | null }>([
    { name: 'empty foyer: the biggest free station among equals, then by id', input: {}, want: 'a' },
    {
      name: 'least loaded by share of capacity',
      input: {
        load: [
          { stationId: 'a', inside: 5 },
          { stationId: 'b', inside: 2 },
          { stationId: 'c', inside: 2 },
        ],
      },
      want: 'b',
    },
    {
      name: 'a full station is never suggested',
      input: {
        load: [
          { stationId: 'a', inside: 10 },
          { stationId: 'b', inside: 10 },
        ],
      },
      want: 'c',
    },
    {
      name: 'overcrowded counts as full',
      input: {
        load: [
          { stationId: 'a', inside: 12 },
          { stationId: 'b', inside: 10 },
          { stationId: 'c', inside: 4 },
        ],
      },
      want: null,
    },
    { name: 'already visited stations are skipped', input: { visited: ['a', 'b'] }, want: 'c' },
    { name: 'everything visited', input: { visited: ['a', 'b', 'c'] }, want: null },
    {
      name: 'too little time for the 20-minute class',
      input: { startsAt: NOW + 15 * MIN, visited: ['b'] },
      want: 'c',
    },
    { name: 'only the 5-minute station fits', input: { startsAt: NOW + 6 * MIN }, want: 'b' },
    { name: 'no time at all', input: { startsAt: NOW + 3 * MIN }, want: null },
    { name: 'closed while the show runs', input: { moment: running('speech') }, want: null },
    {
      name: 'reopened for the break',
      input: { moment: running('break', 0, 20), startsAt: NOW - 60 * MIN },
      want: 'a',
    },
    { name: 'late in the break: short ones only', input: { moment: running('break', 14, 20) }, want: 'b' },
  ])('$name', ({ input, want }) => {
    expect(suggestStation({ ...base, ...input })?.id ?? null).toBe(want);
  });

  it('says how many places are free and where the station is', () => {
    const s = suggestStation({
      ...base,
      load: [
        { stationId: 'a', inside: 9 },
        { stationId: 'b', inside: 9 },
        { stationId: 'c', inside: 1 },
      ],
    });
    expect(s).toEqual({ id: 'c', title: 'Площадка c', location: 'Фойе, c', free: 3 });
  });
});

describe('routeGuest', () => {
  it.each<{ name: string; guest: RoutingInput['guest']; want: object }>([
    {
      name: 'a nominee goes to the seat, no station',
      guest: { category: 'nominee', seat: 'Ряд 1, место 4' },
      want: { seat: 'Ряд 1, место 4' },
    },
    {
      name: 'an honoured guest without a seat gets the nominees zone',
      guest: { category: 'honoured' },
      want: { zone: 'Партер, ряды 1–4: номинанты' },
    },
    {
      name: 'an official is seated',
      guest: { category: 'official' },
      want: { zone: 'Партер, 5-й ряд: официальные гости' },
    },
    {
      name: 'an ordinary guest gets a zone and a station',
      guest: { category: 'guest' },
      want: {
        zone: 'Партер, свободная рассадка',
        station: { id: 'a', title: 'Площадка a', location: 'Фойе, a', free: 10 },
      },
    },
    {
      name: 'a category the organiser gave no zone gets neither zone nor station',
      guest: { category: 'volunteer' },
      want: {},
    },
    {
      name: 'press with a seat and a station',
      guest: { category: 'press', seat: 'Пресса, 2' },
      want: { seat: 'Пресса, 2', station: { id: 'a', title: 'Площадка a', location: 'Фойе, a', free: 10 } },
    },
  ])('$name', ({ guest, want }) => {
    expect(routeGuest({ ...base, guest })).toEqual(want);
  });

  it('takes the zone words from the ceremony, so the organiser can change them', () => {
    const zones = { guest: 'Balcony, free seating' };
    expect(routeGuest({ ...base, zones, moment: running('speech') })).toEqual({
      zone: 'Balcony, free seating',
    });
    expect(routeGuest({ ...base, zones: undefined, moment: running('speech') })).toEqual({});
  });

  it('gives no station once the show has started', () => {
    expect(routeGuest({ ...base, moment: running('speech') })).toEqual({
      zone: 'Партер, свободная рассадка',
    });
  });
});

describe('showMoment', () => {
  const cues = [
    { id: 'a', kind: 'title', plannedDurationS: 60 },
    { id: 'b', kind: 'break', plannedDurationS: 900 },
  ] as Cue[];
  it.each<{ name: string; state: Parameters<typeof showMoment>[0]; want: ShowMoment }>([
    {
      name: 'before the first GO: no cue',
      state: { status: 'pre-show', cueIndex: -1, cueStartedAt: null },
      want: { status: 'pre-show', cue: null, cueStartedAt: null },
    },
    {
      name: 'a break is live',
      state: { status: 'running', cueIndex: 1, cueStartedAt: NOW },
      want: { status: 'running', cue: cues[1]!, cueStartedAt: NOW },
    },
    {
      name: 'the live cue was removed from the run of show: no cue, not a crash',
      state: { status: 'running', cueIndex: 7, cueStartedAt: NOW },
      want: { status: 'running', cue: null, cueStartedAt: NOW },
    },
    {
      name: 'after the show: the last cue, stations stay closed by status',
      state: { status: 'ended', cueIndex: 1, cueStartedAt: NOW },
      want: { status: 'ended', cue: cues[1]!, cueStartedAt: NOW },
    },
  ])('$name', ({ state, want }) => expect(showMoment(state, cues)).toEqual(want));
});
