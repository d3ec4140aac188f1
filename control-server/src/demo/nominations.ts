import type { Nomination, Nominee } from '@ceremony/shared';

/** The seven nominations of the passport, exact titles, in order (without the outer «» quotes). */
export const DEMO_NOMINATIONS: Nomination[] = [
  {
    id: 'nom-1',
    title: 'Учим беречь!',
    description: 'Тем, кто учит горожан беречь природу родного края и его историко-культурное наследие.',
  },
  {
    id: 'nom-2',
    title: 'Здоровый город',
    description: 'Тем, кто развивает массовый спорт и помогает землякам вести здоровый образ жизни.',
  },
  {
    id: 'nom-3',
    title: 'Благодаря и вопреки…',
    description:
      'Тем, кто действует на благо города, несмотря на болезнь, инвалидность и жизненные трудности.',
  },
  {
    id: 'nom-4',
    title: 'С семьей – по жизни!',
    description: 'Семейным инициативам и тем, кто помогает семьям быть крепкими, дружными и счастливыми.',
  },
  {
    id: 'nom-5',
    title: 'Чужого горя не бывает…',
    description: 'Тем, кто безвозмездно помогает людям, оказавшимся в беде и трудной жизненной ситуации.',
  },
  {
    id: 'nom-6',
    title: 'Гражданские инициативы по месту жительства',
    description: 'Соседским проектам, которые делают уютнее дворы, улицы и микрорайоны нашего города.',
  },
  {
    id: 'nom-7',
    title: 'Растим патриотов!',
    description: 'Тем, кто воспитывает у молодёжи любовь к Родине и хранит память о её истории.',
  },
];

/** Flags a nominee differs from the usual by: consent is true and honoured false unless told. */
export type Flags = { honoured?: boolean; consent?: boolean };

export function organisation(
  id: string,
  nominationId: string,
  name: string,
  leader: string,
  citation: string,
  flags: Flags = {},
): Nominee {
  return {
    id,
    nominationId,
    kind: 'organisation',
    name,
    leader,
    citation,
    consent: flags.consent ?? true,
    honoured: flags.honoured ?? false,
  };
}

export function citizen(
  id: string,
  nominationId: string,
  name: string,
  citation: string,
  flags: Flags = {},
): Nominee {
  return {
    id,
    nominationId,
    kind: 'citizen',
    name,
    citation,
    consent: flags.consent ?? true,
    honoured: flags.honoured ?? false,
  };
}

export const HONOURED = { honoured: true };
export const NO_CONSENT = { consent: false };
