import { describe, expect, it } from 'vitest';
import { ScenarioSchema, scenarioProblems, type Cue, type Scenario } from './domain.js';
import {
  blockSummaries,
  generateEvening,
  insertInterview,
  plannedLengthS,
  regenerateBlock,
} from './generate.js';
import { updateCue } from './runOfShow.js';

const person = (id: string, nominationId: string, extra: object = {}) => ({
  id,
  nominationId,
  kind: 'citizen',
  name: `Номинант ${id}`,
  ...extra,
});

/** Three nominations: the middle one has a recorded interview, the last has nobody honoured. */
const base: Scenario = ScenarioSchema.parse({
  ceremony: {
    id: 'c',
    title: 'Светлые люди',
    venue: 'Зал',
    startsAt: 1000,
    branding: { primary: '#112233', accent: '#445566', background: '#000000', text: '#ffffff' },
  },
  nominations: [
    { id: 'a', title: 'Учим беречь!' },
    { id: 'b', title: 'Здоровый город' },
    { id: 'c', title: 'Благодаря и вопреки…' },
  ],
  nominees: [
    person('a1', 'a', { honoured: true }),
    person('a2', 'a'),
    person('b1', 'b', { kind: 'organisation', leader: 'Шубина Елена', honoured: true }),
    person('b2', 'b', { honoured: true }),
    person('c1', 'c'),
  ],
  stations: [{ id: 's1', title: 'Фотозона', capacity: 20, typicalMinutes: 5 }],
  cues: [
    { id: 'old', kind: 'title', title: 'Старый', plannedDurationS: 10 },
    {
      id: 'iv',
      kind: 'video',
      title: 'Интервью',
      plannedDurationS: 200,
      mediaUrl: '/media/b1.mp4',
      subtitlesUrl: '/media/b1.vtt',
      nomineeId: 'b1',
      autoFollow: { kind: 'video-end' },
    },
  ],
});

const shape = (cues: readonly Cue[]) => cues.map((c) => `${c.block}:${c.kind}`);
const evening = generateEvening(base);

describe('generateEvening', () => {
  it('makes the standard evening in order, with the break after half the blocks', () => {
    expect(shape(evening.cues)).toEqual([
      'frame:countdown',
      'frame:title',
      'frame:performance',
      'frame:speech',
      'a:nomination-intro',
      'a:nominee',
      'a:nominee',
      'a:award',
      'a:performance',
      'b:nomination-intro',
      'b:nominee',
      'b:nominee',
      'b:video',
      'b:award',
      'b:performance',
      'frame:break',
      'c:nomination-intro',
      'c:nominee',
      'c:award',
      'frame:finale',
    ]);
    expect(scenarioProblems(evening)).toEqual([]);
    expect(ScenarioSchema.safeParse(evening).success).toBe(true);
  });

  it.each([
    { nomination: 'a', laureates: ['a1'] },
    { nomination: 'b', laureates: ['b1', 'b2'] },
    { nomination: 'c', laureates: [] },
  ])('puts every laureate of $nomination on its award cue', ({ nomination, laureates }) => {
    const award = evening.cues.find((c) => c.kind === 'award' && c.nominationId === nomination);
    expect(award?.kind === 'award' && award.nomineeIds).toEqual(laureates);
  });

  it('keeps the existing interview with its media, subtitles and id', () => {
    const video = evening.cues.find((c) => c.kind === 'video');
    expect(video).toMatchObject({
      id: 'iv',
      mediaUrl: '/media/b1.mp4',
      subtitlesUrl: '/media/b1.vtt',
      block: 'b',
    });
  });

  it('gives every cue a unique id, a block, a length and a script', () => {
    expect(new Set(evening.cues.map((c) => c.id)).size).toBe(evening.cues.length);
    for (const c of evening.cues) {
      expect(c.block).toBeTruthy();
      expect(c.plannedDurationS).toBeGreaterThan(0);
      if (c.id !== 'iv') expect(c.notes.length).toBeGreaterThan(10);
    }
    expect(evening.cues[0]).toMatchObject({ kind: 'countdown', targetAt: 1000 });
    expect(evening.cues.at(-1)).toMatchObject({ kind: 'finale', feedbackUrl: '/checkin/feedback' });
    expect(evening.cues.find((c) => c.kind === 'break')?.notes).toContain('Фотозона');
  });

  it.each([
    { nominations: 0, want: ['countdown', 'title', 'performance', 'speech', 'finale'] },
    { nominations: 1, wantBreak: false },
  ])('copes with $nominations nominations', ({ nominations, want, wantBreak }) => {
    const s = {
      ...base,
      nominations: base.nominations.slice(0, nominations),
      nominees: [],
      cues: base.cues.slice(0, 1),
    };
    const out = generateEvening(s);
    if (want) expect(out.cues.map((c) => c.kind)).toEqual(want);
    if (wantBreak === false) expect(out.cues.some((c) => c.kind === 'break')).toBe(false);
    expect(scenarioProblems(out)).toEqual([]);
  });
});

describe('regenerateBlock', () => {
  it('is null for an unknown nomination', () => {
    expect(regenerateBlock(evening, 'zzz')).toBeNull();
  });

  it('rebuilds one block in place with the same ids, leaving the rest alone', () => {
    const renamed = {
      ...evening,
      nominees: evening.nominees.map((n) => (n.id === 'b2' ? { ...n, honoured: false } : n)),
    };
    const out = regenerateBlock(renamed, 'b')!;
    expect(shape(out.cues)).toEqual(shape(evening.cues));
    expect(out.cues.map((c) => c.id)).toEqual(evening.cues.map((c) => c.id));
    const award = out.cues.find((c) => c.kind === 'award' && c.nominationId === 'b');
    expect(award?.kind === 'award' && award.nomineeIds).toEqual(['b1']);
    expect(out.cues.find((c) => c.id === 'iv')).toEqual(evening.cues.find((c) => c.id === 'iv'));
  });

  it('keeps a hand-edited cue and gives its nominee no second card', () => {
    const card = evening.cues.find((c) => c.kind === 'nominee' && c.nomineeId === 'a1')!;
    const edited = updateCue(evening, card.id, { title: 'Исправлено', block: undefined } as never);
    const handEdited = {
      ...edited,
      cues: edited.cues.map((c) => (c.id === card.id ? { ...c, block: undefined } : c)),
    };
    const out = regenerateBlock(handEdited, 'a')!;
    expect(out.cues.filter((c) => c.kind === 'nominee' && c.nomineeId === 'a1').map((c) => c.title)).toEqual([
      'Исправлено',
    ]);
    expect(out.cues.filter((c) => c.kind === 'nominee' && c.nomineeId === 'a2')).toHaveLength(1);
    // An edit in another block survives regenerating block «a».
    const other = regenerateBlock(
      {
        ...handEdited,
        cues: handEdited.cues.map((c) =>
          c.kind === 'award' && c.nominationId === 'b' ? { ...c, title: 'Ручное', block: undefined } : c,
        ),
      },
      'a',
    )!;
    expect(other.cues.find((c) => c.title === 'Ручное')?.block).toBeUndefined();
    expect(other.cues.filter((c) => c.kind === 'award')).toHaveLength(3);
  });

  it('puts a new nomination after the previous one', () => {
    const s = {
      ...evening,
      nominations: [
        ...evening.nominations.slice(0, 1),
        { id: 'x', title: 'Новая', description: '' },
        ...evening.nominations.slice(1),
      ],
      nominees: [...evening.nominees, ScenarioSchema.shape.nominees.element.parse(person('x1', 'x'))],
    };
    const out = regenerateBlock(s, 'x')!;
    const blocks = out.cues.map((c) => c.block).filter((b, i, all) => b !== all[i - 1]);
    expect(blocks).toEqual(['frame', 'a', 'x', 'b', 'frame', 'c', 'frame']);
    expect(scenarioProblems(out)).toEqual([]);
  });
});

describe('plannedLengthS and blockSummaries', () => {
  it.each([
    {
      cues: [
        { kind: 'countdown', s: 900 },
        { kind: 'title', s: 60 },
      ],
      want: 60,
    },
    {
      cues: [
        { kind: 'title', s: 60 },
        { kind: 'countdown', s: 30 },
      ],
      want: 90,
    },
    {
      cues: [
        { kind: 'title', s: 60, skip: true },
        { kind: 'break', s: 30 },
      ],
      want: 30,
    },
  ])('sums the evening without a leading countdown or skipped cues: $want s', ({ cues, want }) => {
    const list = cues.map(
      (c, i) =>
        ({
          id: `x${i}`,
          title: 't',
          notes: '',
          autoFollow: { kind: 'none' },
          skip: c.skip ?? false,
          kind: c.kind,
          plannedDurationS: c.s,
        }) as Cue,
    );
    expect(plannedLengthS(list)).toBe(want);
  });

  it('sums the evening by block, counting hand-edited cues into what they show', () => {
    const s = {
      ...evening,
      cues: [
        ...evening.cues,
        {
          id: 'h',
          kind: 'nominee',
          nomineeId: 'c1',
          title: 'h',
          notes: '',
          plannedDurationS: 5,
          autoFollow: { kind: 'none' },
          skip: false,
        } as Cue,
      ],
    };
    const rows = blockSummaries(s);
    expect(rows.map((r) => r.block)).toEqual(['frame', 'a', 'b', 'c']);
    expect(rows.find((r) => r.block === 'c')).toMatchObject({ cues: 4, handEdited: 1 });
    expect(rows.reduce((t, r) => t + r.durationS, 0)).toBe(plannedLengthS(s.cues));
  });
});

describe('insertInterview', () => {
  const clip = (id: string, nomineeId: string): Extract<Cue, { kind: 'video' }> => ({
    id,
    kind: 'video',
    title: 'Интервью',
    notes: '',
    plannedDurationS: 150,
    autoFollow: { kind: 'video-end' },
    skip: false,
    mediaUrl: '/media/x.mp4',
    nomineeId,
    block: 'a',
  });

  it.each([
    { what: 'after the cards, before the award', s: evening, nomination: 'a', after: 'gen-a-nominee-a2' },
    { what: 'after the block’s last video', s: evening, nomination: 'b', after: 'iv' },
    { what: 'at the end when the nomination has no cue', s: base, nomination: 'c', after: 'iv' },
  ])('puts the clip $what', ({ s, nomination, after }) => {
    const out = insertInterview(s, clip('new', `${nomination}1`), nomination);
    const at = out.cues.findIndex((c) => c.id === 'new');
    expect(out.cues[at - 1]?.id).toBe(after);
    expect(out.cues).toHaveLength(s.cues.length + 1);
  });
});
