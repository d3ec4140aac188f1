import type { boothRu } from './booth.ru.js';

/** English words of the booth (merged into en.ts). */
export const boothEn: { [K in keyof typeof boothRu]: string } = {
  'error.booth.targetMissing':
    'Scenario not saved: cue «{cue}» points at booth target «{target}», which does not exist.',
  'error.booth.targetUnknown': 'There is no booth target «{target}»: add it first.',
  'error.booth.tryFailed': 'Target «{target}» did not answer: {why}',
  'booth.reason.timeout': 'no answer (2 s)',
  'booth.reason.refused': 'connection refused',
  'booth.reason.dns': 'address not found',
  'booth.reason.status': 'answered with an error',
  'booth.reason.other': 'could not send',
  'booth.warning': 'Booth: «{name}» — {why}. The show goes on.',
  'readiness.BOOTH_TARGET_MISSING': 'Cue «{cue}» points at booth target «{target}», which no longer exists.',
};
