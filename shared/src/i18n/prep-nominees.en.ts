import type { prepNomineesRu } from './prep-nominees.ru.js';

type Forms = { one: string; few: string; many: string; other: string };

/** English strings of the «Подготовка» tab, section «nominees» (merged into en.ts). */
export const prepNomineesEn: {
  [K in keyof typeof prepNomineesRu]: (typeof prepNomineesRu)[K] extends string ? string : Forms;
} = {};
