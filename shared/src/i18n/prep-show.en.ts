import type { prepShowRu } from './prep-show.ru.js';

type Forms = { one: string; few: string; many: string; other: string };

/** English strings of the «Подготовка» tab, section «show» (merged into en.ts). */
export const prepShowEn: {
  [K in keyof typeof prepShowRu]: (typeof prepShowRu)[K] extends string ? string : Forms;
} = {};
