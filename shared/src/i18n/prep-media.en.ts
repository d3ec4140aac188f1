import type { prepMediaRu } from './prep-media.ru.js';

type Forms = { one: string; few: string; many: string; other: string };

/** English strings of the «Подготовка» tab, section «media» (merged into en.ts). */
export const prepMediaEn: {
  [K in keyof typeof prepMediaRu]: (typeof prepMediaRu)[K] extends string ? string : Forms;
} = {};
