import type { storeRu } from './store.ru.js';

/** English words of the store shared by several hubs (merged into en.ts). */
export const storeEn: { [K in keyof typeof storeRu]: string } = {
  'error.store.unavailable':
    'The database is unreachable: the command was not carried out. Try again once it is back.',
  'error.store.standbyOnly':
    'The main PostgreSQL does not answer, only the backup does: the command was not carried out. If the main laptop does not come back, run standby.sh\u00a0promote on the backup.',
  'error.store.standbyWaiting':
    'The backup laptop does not answer: the command waits for its confirmation and will be carried out once it answers. If it is switched off, run standby.sh\u00a0solo on the main laptop: it is then carried out at once.',
  'error.store.standbyStalled':
    'The backup laptop does not answer: an earlier command still waits for its confirmation, this one was not carried out. If it is switched off, run standby.sh\u00a0solo on the main laptop.',
  'error.store.busy':
    'Another hub is saving a change to the evening right now (say, a new guest list): the command was not carried out. Try again in a few seconds.',
  'error.store.signInWaiting':
    'The backup laptop does not answer: you are not signed in. Ask the organiser to run standby.sh\u00a0solo on the main laptop, then sign in again.',
  'error.store.pairingWaiting':
    'The backup laptop does not answer: you are not signed in, and this QR code will not work again. Ask the organiser to run standby.sh\u00a0solo on the main laptop and show a new QR code.',
  'error.store.packageWaiting':
    'The backup laptop does not answer: the package was not applied, though its media files may appear in the library later. Run standby.sh\u00a0solo on the main laptop and apply the package again.',
};
