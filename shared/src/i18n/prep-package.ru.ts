/** Russian strings of the «Подготовка» tab, section «package» (merged into ru.ts). Plural keys hold every form. */
export const prepPackageRu = {} as const;
