import type { prepCeremonyRu } from './prep-ceremony.ru.js';

type Forms = { one: string; few: string; many: string; other: string };

/** English strings of the «Подготовка» tab, section «ceremony» (merged into en.ts). */
export const prepCeremonyEn: {
  [K in keyof typeof prepCeremonyRu]: (typeof prepCeremonyRu)[K] extends string ? string : Forms;
} = {};
