import type { storeRu } from './store.ru.js';

/** English words of the store shared by several hubs (merged into en.ts). */
export const storeEn: { [K in keyof typeof storeRu]: string } = {
  'error.store.unavailable':
    'The database is unreachable: the command was not carried out. Try again once it is back.',
  'error.store.standbyOnly':
    'The main PostgreSQL does not answer, only the backup does: the command was not carried out. If the main laptop does not come back, run standby.sh\u00a0promote on the backup.',
  'error.store.standbyWaiting':
    'The backup laptop does not answer: the command waits for its confirmation, new ones are refused meanwhile. If it is switched off, run standby.sh\u00a0solo on the main laptop.',
};
