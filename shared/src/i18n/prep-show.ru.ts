/** Russian strings of the «Подготовка» tab, section «show» (merged into ru.ts). Plural keys hold every form. */
export const prepShowRu = {} as const;
