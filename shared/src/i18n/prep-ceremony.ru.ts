/** Russian strings of the «Подготовка» tab, section «ceremony» (merged into ru.ts). Plural keys hold every form. */
export const prepCeremonyRu = {} as const;
