import { ScenarioSchema, type Scenario } from './domain.js';
import type { LiveCue } from './roleView.js';

/**
 * A small evening for the role-view tests (roleView, viewDelta): a laureate with consent, one
 * without, an organisation, and a cue of each kind that changes with the live cue.
 */
export const scenario: Scenario = ScenarioSchema.parse({
  ceremony: {
    id: 'c',
    title: 'Светлые люди',
    venue: 'Зал',
    startsAt: 100_000,
    branding: { primary: '#112233', accent: '#445566', background: '#000000', text: '#ffffff' },
  },
  nominations: [{ id: 'n1', title: 'Учим беречь!' }],
  nominees: [
    // A consenting citizen, a laureate.
    {
      id: 'yes',
      nominationId: 'n1',
      kind: 'citizen',
      name: 'Алёна',
      citation: 'За всё',
      photoUrl: '/media/a.jpg',
      consent: true,
      honoured: true,
    },
    // A citizen without consent, also a laureate.
    {
      id: 'no',
      nominationId: 'n1',
      kind: 'citizen',
      name: 'Пётр',
      citation: 'Тайна',
      photoUrl: '/media/p.jpg',
      leader: 'x',
      honoured: true,
    },
    // An organisation without consent: its name, leader and citation are not personal data.
    { id: 'org', nominationId: 'n1', kind: 'organisation', name: 'АНО', leader: 'Ли', citation: 'Работа' },
  ],
  stations: [{ id: 's', title: 'Фотозона', capacity: 5, typicalMinutes: 3 }],
  cues: [
    { id: 'open', kind: 'title', title: 'Открытие', notes: 'Добрый вечер', plannedDurationS: 60 },
    { id: 'card', kind: 'nominee', title: 'Пётр', notes: 'Про Петра', plannedDurationS: 30, nomineeId: 'no' },
    {
      id: 'award',
      kind: 'award',
      title: 'Награждение',
      notes: 'Объявляю',
      plannedDurationS: 90,
      nominationId: 'n1',
      nomineeIds: ['yes', 'no'],
    },
    { id: 'pause', kind: 'break', title: 'Перерыв', notes: 'Пауза', plannedDurationS: 600 },
  ],
});

/** The live cue by id, as the show state names it (null: before the first GO). */
export const live = (cueId: string | null): LiveCue => ({
  cueId,
  cueIndex: cueId === null ? -1 : scenario.cues.findIndex((c) => c.id === cueId),
});
