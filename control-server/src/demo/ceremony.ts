import type { Ceremony, Station } from '@ceremony/shared';

/** The demo evening itself: where, when and in which colours. */
export function demoCeremony(startsAt: number): Ceremony {
  return {
    id: 'svetlye-lyudi',
    title: 'Светлые люди',
    subtitle: 'Церемония чествования гражданских активистов и СОНКО',
    venue: 'Концертный зал Культурного центра городского парка «Берёзовая роща»',
    startsAt,
    goGuardMs: 600,
    plannedDurationS: 2 * 3600 + 45 * 60,
    demo: true,
    // Where the hall seats each kind of guest without a numbered seat; the organiser changes it with the scenario.
    zones: {
      nominee: 'Партер, ряды 1–4: номинанты',
      honoured: 'Партер, ряды 1–4: номинанты',
      official: 'Партер, 5-й ряд: официальные гости',
      press: 'Места для прессы у пульта',
      guest: 'Партер, свободная рассадка',
      volunteer: 'Служебный вход, штаб волонтёров',
    },
    branding: {
      primary: '#1f3a68',
      accent: '#e8b04b',
      background: '#0f1a33',
      text: '#fbf3e4',
    },
  };
}

/** The eight interactive stations in the foyer (brief: «The guests' way through the evening»). */
export const DEMO_STATIONS: Station[] = [
  {
    id: 'st-scrapbook',
    title: 'Мастер-класс: открытка в технике скрапбукинг',
    location: 'Фойе 2-го этажа, левое крыло',
    capacity: 14,
    typicalMinutes: 20,
  },
  {
    id: 'st-nauzy',
    title: 'Мастер-класс: брелок-человечек (наузы)',
    location: 'Фойе 2-го этажа, правое крыло',
    capacity: 12,
    typicalMinutes: 15,
  },
  {
    id: 'st-wish-tree',
    title: 'Дерево желаний',
    location: 'Фойе 1-го этажа, у главной лестницы',
    capacity: 20,
    typicalMinutes: 5,
  },
  {
    id: 'st-papercraft',
    title: 'Мастер-класс: ёлки в технике паперкрафт',
    location: 'Фойе 2-го этажа, у окон',
    capacity: 12,
    typicalMinutes: 25,
  },
  {
    id: 'st-photobooth',
    title: 'Фотобудка',
    location: 'Фойе 1-го этажа, у гардероба',
    capacity: 8,
    typicalMinutes: 5,
  },
  {
    id: 'st-heart',
    title: 'Фотозона «Сердце – Светлые люди»',
    location: 'Фойе 1-го этажа, напротив входа в зал',
    capacity: 16,
    typicalMinutes: 7,
  },
  {
    id: 'st-cube',
    title: 'Интерактивный куб',
    location: 'Фойе 1-го этажа, центр',
    capacity: 15,
    typicalMinutes: 10,
  },
  {
    id: 'st-dobro3',
    title: 'Добро³',
    location: 'Фойе 2-го этажа, у буфета',
    capacity: 18,
    typicalMinutes: 12,
  },
];
