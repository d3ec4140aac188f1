/** Russian strings of the «Подготовка» tab, section «nominees» (merged into ru.ts). Plural keys hold every form. */
export const prepNomineesRu = {} as const;
