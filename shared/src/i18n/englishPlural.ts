import type { PluralForms } from './ru.js';

/** English has two forms; the dictionary keeps Russian's four slots, so the second fills the rest. */
export const plural = (one: string, many: string): PluralForms => ({ one, few: many, many, other: many });
