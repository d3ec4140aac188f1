import type { storeRu } from './store.ru.js';

/** English words of the store shared by several hubs (merged into en.ts). */
export const storeEn: { [K in keyof typeof storeRu]: string } = {
  'error.store.unavailable':
    'The database is unreachable: the command was not carried out. Try again once it is back.',
};
