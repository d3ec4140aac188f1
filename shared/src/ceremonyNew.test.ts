import { describe, expect, it } from 'vitest';
import {
  applyCeremonySettings,
  localDateTimeParts,
  newCeremonyScenario,
  parseLocalDateTime,
  removalPhrases,
} from './ceremonyNew.js';
import { ScenarioSchema, scenarioProblems, type Scenario } from './domain.js';
import type { CeremonySettings, NewCeremonyRequest } from './prepare.js';
// Every word of both languages, as the server has them: these tests read English and the organiser's words.
import './i18n/words.all.js';

const demo: Scenario = ScenarioSchema.parse({
  ceremony: {
    id: 'svetlye-lyudi',
    title: 'Светлые люди',
    subtitle: 'Церемония чествования',
    venue: 'Зал',
    startsAt: 1_000,
    goGuardMs: 800,
    plannedDurationS: 9900,
    demo: true,
    zones: { guest: 'Партер, свободная рассадка' },
    branding: { primary: '#112233', accent: '#445566', background: '#000000', text: '#ffffff' },
  },
  nominations: [{ id: 'n1', title: 'Учим беречь!' }],
  nominees: [{ id: 'p1', nominationId: 'n1', kind: 'citizen', name: 'Иванова Анна' }],
  stations: [{ id: 'st', title: 'Фотозона', location: 'Фойе', capacity: 5, typicalMinutes: 5 }],
  cues: [
    { id: 'cd', kind: 'countdown', title: 'До начала', plannedDurationS: 10, targetAt: 1_000 },
    { id: 'cd2', kind: 'countdown', title: 'До второго отделения', plannedDurationS: 10, targetAt: 5_000 },
    { id: 'p', kind: 'nominee', title: 'Иванова Анна', plannedDurationS: 10, nomineeId: 'p1' },
  ],
});

describe('newCeremonyScenario', () => {
  const cases: { name: string; request: NewCeremonyRequest; expect: Partial<Scenario['ceremony']> }[] = [
    {
      name: 'title only: the rest from the current ceremony',
      request: { title: 'Светлые люди — 2027' },
      expect: {
        title: 'Светлые люди — 2027',
        startsAt: 1_000,
        venue: 'Зал',
        goGuardMs: 800,
        plannedDurationS: 9900,
      },
    },
    {
      name: 'date, venue, a branding colour and a length',
      request: {
        title: 'Вечер',
        startsAt: 9_000,
        venue: 'ДК',
        branding: { accent: '#abcdef' },
        plannedDurationS: 60,
      },
      expect: { startsAt: 9_000, venue: 'ДК', plannedDurationS: 60, subtitle: 'Церемония чествования' },
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const next = newCeremonyScenario(demo, c.request, 'c-new');
      expect(next.ceremony).toMatchObject({ id: 'c-new', ...c.expect });
      expect(next.ceremony.demo).toBeUndefined();
      expect(next.nominees).toEqual([]);
      expect(next.nominations).toEqual(demo.nominations);
      expect(next.stations).toEqual(demo.stations);
      expect(next.cues.map((cue) => [cue.kind, cue.block])).toEqual([
        ['countdown', 'frame'],
        ['title', 'frame'],
      ]);
      expect(next.cues[0]).toMatchObject({ targetAt: next.ceremony.startsAt });
      expect(next.cues[1]).toMatchObject({ title: next.ceremony.title });
      expect(scenarioProblems(next)).toEqual([]);
      expect(ScenarioSchema.safeParse(next).success).toBe(true);
    });

  it('keeps the other branding colours when one is given', () => {
    const next = newCeremonyScenario(demo, { title: 'Вечер', branding: { accent: '#abcdef' } }, 'x');
    expect(next.ceremony.branding).toEqual({ ...demo.ceremony.branding, accent: '#abcdef' });
  });
});

describe('applyCeremonySettings', () => {
  const settings: CeremonySettings = {
    title: 'Светлые люди — 2027',
    venue: 'ДК «Юность»',
    startsAt: 2_000,
    branding: { ...demo.ceremony.branding, logoUrl: '/media/logo.png' },
  };
  const cases: { name: string; settings: CeremonySettings; expect: Record<string, unknown> }[] = [
    {
      name: 'no subtitle or length: both gone; no guard: the current one kept; demo stays',
      settings,
      expect: {
        title: 'Светлые люди — 2027',
        goGuardMs: 800,
        demo: true,
        subtitle: undefined,
        plannedDurationS: undefined,
      },
    },
    {
      name: 'every field',
      settings: { ...settings, subtitle: 'Подзаголовок', plannedDurationS: 7200, goGuardMs: 0 },
      expect: { subtitle: 'Подзаголовок', plannedDurationS: 7200, goGuardMs: 0, id: 'svetlye-lyudi' },
    },
    {
      name: 'no zones: the current seating zones kept',
      settings,
      expect: { zones: { guest: 'Партер, свободная рассадка' } },
    },
    {
      name: 'zones: the organiser’s words replace the seating zones',
      settings: { ...settings, zones: { guest: 'Балкон, свободная рассадка' } },
      expect: { zones: { guest: 'Балкон, свободная рассадка' } },
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const next = applyCeremonySettings(demo, c.settings);
      for (const [key, value] of Object.entries(c.expect))
        expect(next.ceremony[key as keyof Scenario['ceremony']]).toEqual(value);
      expect(next.ceremony.branding.logoUrl).toBe('/media/logo.png');
    });

  it('moves the countdown aimed at the start, not one aimed elsewhere', () => {
    const next = applyCeremonySettings(demo, settings);
    expect(next.cues.map((c) => (c.kind === 'countdown' ? c.targetAt : null))).toEqual([2_000, 5_000, null]);
  });
});

describe('removalPhrases', () => {
  const none = { nominees: 0, guests: 0, admissions: 0, stationVisits: 0, cues: 0, media: 0, feedback: 0 };
  const cases = [
    {
      removes: { ...none, nominees: 35, guests: 130, admissions: 12 },
      ru: ['35 номинантов', '130 гостей', '12 отметок о входе'],
    },
    {
      removes: { ...none, guests: 21, admissions: 1, stationVisits: 2 },
      ru: ['21 гость', '1 отметка о входе', '2 посещения площадок'],
    },
    {
      removes: { ...none, cues: 44, media: 1, feedback: 3 },
      ru: ['44 кадра программы', '1 видеофайл демо', '3 отзыва гостей'],
    },
    { removes: none, ru: [] },
  ];
  for (const c of cases)
    it(c.ru.join(', ') || 'nothing', () => expect(removalPhrases('ru', c.removes)).toEqual(c.ru));
  it('English too', () =>
    expect(removalPhrases('en', { ...none, guests: 1, admissions: 5 })).toEqual(['1 guest', '5 admissions']));
});

describe('parseLocalDateTime', () => {
  const cases: [string, number | null][] = [
    ['2026-12-12 18:00', new Date(2026, 11, 12, 18, 0).getTime()],
    ['2026-12-12T09:05', new Date(2026, 11, 12, 9, 5).getTime()],
    [' 2026-01-01 0:30 ', new Date(2026, 0, 1, 0, 30).getTime()],
    ['2026-02-31 18:00', null],
    ['2026-12-12 25:00', null],
    ['2026-12-12 18:60', null],
    ['12.12.2026 18:00', null],
    ['', null],
  ];
  for (const [text, at] of cases) it(JSON.stringify(text), () => expect(parseLocalDateTime(text)).toBe(at));
  it("round-trips through the inputs' parts", () => {
    const at = new Date(2026, 11, 12, 18, 0).getTime();
    const { date, time } = localDateTimeParts(at);
    expect([date, time]).toEqual(['2026-12-12', '18:00']);
    expect(parseLocalDateTime(`${date} ${time}`)).toBe(at);
  });
});
