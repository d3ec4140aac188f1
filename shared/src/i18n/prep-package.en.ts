import type { prepPackageRu } from './prep-package.ru.js';

type Forms = { one: string; few: string; many: string; other: string };

/** English strings of the «Подготовка» tab, section «package» (merged into en.ts). */
export const prepPackageEn: {
  [K in keyof typeof prepPackageRu]: (typeof prepPackageRu)[K] extends string ? string : Forms;
} = {};
