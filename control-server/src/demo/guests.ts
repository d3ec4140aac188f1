import type { Guest, Nominee } from '@ceremony/shared';

import { DEMO_OFFICIALS, DEMO_PRESS, DEMO_VOLUNTEERS, GUEST_PLACES, inventedName } from './guest-names.js';

/** The size of the evening's audience (brief: 130 people). */
export const DEMO_GUEST_COUNT = 130;

/** Nominees who are not honoured but are invited and come to the evening too. */
const INVITED_NOMINEES = [
  'n-03',
  'n-04',
  'n-08',
  'n-09',
  'n-14',
  'n-16',
  'n-21',
  'n-22',
  'n-27',
  'n-28',
  'n-29',
  'n-33',
  'n-35',
  'n-41',
  'n-42',
];

const SEATS_PER_ROW = 14;

function seat(firstRow: number, index: number, firstPlace = 1): string {
  const row = firstRow + Math.floor(index / SEATS_PER_ROW);
  return `Ряд ${row}, место ${(index % SEATS_PER_ROW) + firstPlace}`;
}

function phone(n: number): string {
  return `+7 900 000-${String(Math.floor(n / 100) % 100).padStart(2, '0')}-${String(n % 100).padStart(2, '0')}`;
}

type GuestDraft = Omit<Guest, 'id' | 'badgeCode'>;

function nomineeGuest(n: Nominee, category: 'honoured' | 'nominee', seatText: string): GuestDraft {
  const person = n.kind === 'organisation' ? (n.leader ?? n.name) : n.name;
  return {
    name: person,
    category,
    ...(n.kind === 'organisation' ? { organisation: n.name } : {}),
    seat: seatText,
    nomineeId: n.id,
    consent: n.consent,
  };
}

/**
 * The guest list: officials, honoured and invited nominees (an organisation comes as its leader),
 * press, volunteers and ordinary guests, 130 in all. Deterministic except for the badge codes.
 */
export function demoGuests(nominees: readonly Nominee[], newBadgeCode: () => string): Guest[] {
  const drafts: GuestDraft[] = [];
  DEMO_OFFICIALS.forEach((o, i) => {
    drafts.push({ ...o, category: 'official', seat: seat(1, i, 4), consent: true });
  });
  nominees.filter((n) => n.honoured).forEach((n, i) => drafts.push(nomineeGuest(n, 'honoured', seat(2, i))));
  INVITED_NOMINEES.forEach((id, i) => {
    const n = nominees.find((x) => x.id === id);
    if (!n) throw new Error(`demo: unknown nominee ${id}`);
    drafts.push(nomineeGuest(n, 'nominee', seat(3, i)));
  });
  DEMO_PRESS.forEach((p, i) => {
    drafts.push({ ...p, category: 'press', consent: true, email: `press${i + 1}@example.org` });
  });
  DEMO_VOLUNTEERS.forEach((name, i) => {
    drafts.push({
      name,
      category: 'volunteer',
      organisation: 'Волонтёрский центр «Твори добро»',
      consent: true,
      phone: phone(i + 1),
    });
  });

  const taken = new Set([...drafts.map((d) => d.name), ...nominees.map((n) => n.name)]);
  for (let k = 0; drafts.length < DEMO_GUEST_COUNT; k++) {
    let attempt = 0;
    let name = inventedName(k);
    while (taken.has(name)) name = inventedName(k, ++attempt);
    taken.add(name);
    const place = k % 4 === 1 ? GUEST_PLACES[k % GUEST_PLACES.length] : undefined;
    drafts.push({
      name,
      category: 'guest',
      ...(place ? { organisation: place } : {}),
      consent: k % 13 !== 5,
      ...(k % 10 === 3 ? { phone: phone(100 + k) } : {}),
      ...(k % 12 === 7 ? { email: `guest${String(k + 1).padStart(3, '0')}@example.org` } : {}),
    });
  }

  const codes = new Set<string>();
  return drafts.map((d, i) => {
    let badgeCode = newBadgeCode();
    for (let tries = 0; codes.has(badgeCode); tries++) {
      if (tries > 100) throw new Error('demo: the badge code source keeps repeating itself');
      badgeCode = newBadgeCode();
    }
    codes.add(badgeCode);
    return { id: `g-${String(i + 1).padStart(3, '0')}`, ...d, badgeCode };
  });
}
