import { randomBytes } from 'node:crypto';

import {
  CUE_KINDS,
  GuestSchema,
  ScenarioSchema,
  isBadgeCode,
  newBadgeCode,
  scenarioProblems,
} from '@ceremony/shared';
import { describe, expect, it } from 'vitest';

import { buildDemo } from './demo.js';

const startsAt = Date.UTC(2025, 11, 12, 12, 0, 0);
const build = () =>
  buildDemo({ startsAt, newBadgeCode: () => newBadgeCode((n) => new Uint8Array(randomBytes(n))) });

const TITLES = [
  'Учим беречь!',
  'Здоровый город',
  'Благодаря и вопреки…',
  'С семьей – по жизни!',
  'Чужого горя не бывает…',
  'Гражданские инициативы по месту жительства',
  'Растим патриотов!',
];

describe('demo ceremony', () => {
  const { scenario, guests } = build();

  it('parses with the schemas and has no reference problems', () => {
    expect(() => ScenarioSchema.parse(scenario)).not.toThrow();
    for (const g of guests) expect(() => GuestSchema.parse(g)).not.toThrow();
    expect(scenarioProblems(scenario)).toEqual([]);
  });

  it('describes the evening', () => {
    const c = scenario.ceremony;
    expect(c.id).toBe('svetlye-lyudi');
    expect(c.title).toBe('Светлые люди');
    expect(c.startsAt).toBe(startsAt);
    expect(c.goGuardMs).toBe(600);
  });

  it('has the seven nominations with the exact titles, in order', () => {
    expect(scenario.nominations.map((n) => n.title)).toEqual(TITLES);
    for (const n of scenario.nominations) expect(n.description.length).toBeGreaterThan(10);
  });

  it('has at least 40 nominees of both kinds, 5–7 per nomination, some without consent', () => {
    const { nominees } = scenario;
    expect(nominees.length).toBeGreaterThanOrEqual(40);
    expect(nominees.some((n) => n.kind === 'organisation')).toBe(true);
    expect(nominees.some((n) => n.kind === 'citizen')).toBe(true);
    for (const nom of scenario.nominations) {
      const count = nominees.filter((n) => n.nominationId === nom.id).length;
      expect(count).toBeGreaterThanOrEqual(5);
      expect(count).toBeLessThanOrEqual(7);
    }
    for (const n of nominees) if (n.kind === 'organisation') expect(n.leader).toBeTruthy();
    expect(nominees.filter((n) => !n.consent).length).toBeGreaterThanOrEqual(3);
    const long = nominees.filter((n) => n.name.length >= 110 && n.name.length <= 120);
    expect(long.length).toBeGreaterThanOrEqual(2);
    expect(nominees.some((n) => n.name.includes('ё'))).toBe(true);
  });

  it('has every nomination with one or two honoured nominees', () => {
    for (const nom of scenario.nominations) {
      const honoured = scenario.nominees.filter((n) => n.nominationId === nom.id && n.honoured);
      expect(honoured.length, nom.title).toBeGreaterThanOrEqual(1);
      expect(honoured.length, nom.title).toBeLessThanOrEqual(2);
    }
  });

  it('has at least 40 cues using every cue kind, with host notes', () => {
    const { cues } = scenario;
    expect(cues.length).toBeGreaterThanOrEqual(40);
    const kinds = new Set(cues.map((c) => c.kind));
    for (const kind of CUE_KINDS) expect(kinds.has(kind), kind).toBe(true);
    expect(cues[0]?.kind).toBe('countdown');
    expect(cues.at(-1)?.kind).toBe('finale');
    for (const c of cues) expect(c.notes.trim(), c.id).not.toBe('');
  });

  it('awards every nomination to its honoured nominees', () => {
    for (const nom of scenario.nominations) {
      const honoured = scenario.nominees
        .filter((n) => n.nominationId === nom.id && n.honoured)
        .map((n) => n.id);
      const award = scenario.cues.find((c) => c.kind === 'award' && c.nominationId === nom.id);
      expect(award && award.kind === 'award' ? award.nomineeIds : undefined).toEqual(honoured);
    }
  });

  it('has the eight foyer stations', () => {
    expect(scenario.stations).toHaveLength(8);
  });

  it('has 130 guests with unique ids and badge codes, linked to real nominees', () => {
    expect(guests).toHaveLength(130);
    expect(new Set(guests.map((g) => g.id)).size).toBe(130);
    expect(new Set(guests.map((g) => g.badgeCode)).size).toBe(130);
    expect(new Set(guests.map((g) => g.name)).size).toBe(130);
    for (const g of guests) expect(isBadgeCode(g.badgeCode)).toBe(true);
    const nomineeIds = new Set(scenario.nominees.map((n) => n.id));
    for (const g of guests)
      if (g.nomineeId !== undefined) expect(nomineeIds.has(g.nomineeId), g.id).toBe(true);
    for (const n of scenario.nominees.filter((x) => x.honoured))
      expect(
        guests.some((g) => g.nomineeId === n.id && g.category === 'honoured'),
        n.id,
      ).toBe(true);
  });

  it('is deterministic apart from the badge codes', () => {
    const again = build();
    expect(again.scenario).toEqual(scenario);
    const strip = (gs: typeof guests) => gs.map(({ badgeCode: _, ...g }) => g);
    expect(strip(again.guests)).toEqual(strip(guests));
  });
});
