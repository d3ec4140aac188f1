/** Russian strings of the «Подготовка» tab, section «media» (merged into ru.ts). Plural keys hold every form. */
export const prepMediaRu = {} as const;
