import { describe, expect, it } from 'vitest';
import { ScenarioSchema, type Scenario } from './domain.js';
import { isWebVtt, mediaKindByName, mediaUsage } from './mediaLibrary.js';

describe('mediaKindByName', () => {
  it.each([
    ['Иванова.jpg', 'image'],
    ['photo.JPEG', 'image'],
    ['logo.png', 'image'],
    ['a.b.webp', 'image'],
    ['интервью.mp4', 'video'],
    ['clip.M4V', 'video'],
    ['clip.webm', 'video'],
    ['интервью.vtt', 'subtitles'],
    ['page.html', null],
    ['clip.mov', null],
    ['no-ending', null],
    ['ending.', null],
  ] as const)('%s → %s', (name, want) => {
    expect(mediaKindByName(name)).toBe(want);
  });
});

describe('isWebVtt', () => {
  it.each([
    ['WEBVTT\n\n00:00.000 --> 00:01.000\nПривет', true],
    ['\uFEFFWEBVTT\r\n', true],
    ['WEBVTT - Интервью', true],
    ['WEBVTT\tx', true],
    ['WEBVTT', true],
    ['WEBVTTX\n', false],
    ['webvtt\n', false],
    [' WEBVTT\n', false],
    ['1\n00:00:00,000 --> 00:00:01,000\n', false],
    ['', false],
  ] as const)('%j → %s', (head, want) => {
    expect(isWebVtt(head)).toBe(want);
  });
});

const scenario = (logoUrl?: string): Scenario =>
  ScenarioSchema.parse({
    ceremony: {
      id: 'c',
      title: 'Светлые люди',
      venue: 'Зал',
      startsAt: 0,
      branding: { primary: '#112233', accent: '#445566', background: '#000000', text: '#ffffff', logoUrl },
    },
    nominations: [{ id: 'n1', title: 'Учим беречь!' }],
    nominees: [
      { id: 'p1', nominationId: 'n1', kind: 'citizen', name: 'Ёлкина Мария', photoUrl: '/media/%D1%91.jpg' },
      { id: 'p2', nominationId: 'n1', kind: 'citizen', name: 'Петров Иван', photoUrl: 'https://x/y.jpg' },
      { id: 'p3', nominationId: 'n1', kind: 'citizen', name: 'Без фото' },
    ],
    stations: [],
    cues: [
      { id: 'a', kind: 'nominee', title: 'Ёлкина', plannedDurationS: 10, nomineeId: 'p1' },
      {
        id: 'v',
        kind: 'video',
        title: 'Интервью',
        plannedDurationS: 10,
        mediaUrl: '/media/i.mp4',
        subtitlesUrl: '/media/i.vtt',
      },
      { id: 'w', kind: 'video', title: 'Повтор', plannedDurationS: 10, mediaUrl: '/media/i.mp4?t=3' },
    ],
  });

describe('mediaUsage', () => {
  it.each([
    { name: 'ё.jpg', want: [{ what: 'nominee', id: 'p1', label: 'Ёлкина Мария' }] },
    {
      name: 'i.mp4',
      want: [
        { what: 'cue', id: 'v', label: 'Интервью' },
        { what: 'cue', id: 'w', label: 'Повтор' },
      ],
    },
    { name: 'i.vtt', want: [{ what: 'cue', id: 'v', label: 'Интервью' }] },
    { name: 'y.jpg', want: undefined },
  ])('$name', ({ name, want }) => {
    expect(mediaUsage(scenario()).get(name)).toEqual(want);
  });

  it('the logo is used by the branding, labelled with the ceremony; outside addresses are not library files', () => {
    const uses = mediaUsage(scenario('/media/logo.png'));
    expect(uses.get('logo.png')).toEqual([{ what: 'branding', label: 'Светлые люди' }]);
    expect([...uses.keys()].sort()).toEqual(['i.mp4', 'i.vtt', 'logo.png', 'ё.jpg']);
    expect(mediaUsage(scenario('https://example.org/logo.png')).has('logo.png')).toBe(false);
  });
});
