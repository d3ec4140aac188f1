import { plural as forms } from './englishPlural.js';
import type { PluralForms } from './ru.js';
import type { firstPaintRu } from './first-paint.ru.js';

/** English words for first-paint.ru.ts, key for key. */
export const firstPaintEn: {
  [K in keyof typeof firstPaintRu]: (typeof firstPaintRu)[K] extends string ? string : PluralForms;
} = {
  // A guest's category (check-in, admin), the pairing QR (every app), the overlay's own screen.
  'category.nominee': 'Nominee',
  'category.honoured': 'Honoured',
  'category.official': 'Official guest',
  'category.guest': 'Guest',
  'category.press': 'Press',
  'category.volunteer': 'Volunteer',
  'signin.pairFailed':
    'This pairing QR code was already used or has expired. Ask for a new one or sign in with the PIN.',
  'overlay.title': 'Stream graphics',
  'overlay.onStage': 'On stage: {name}',
  'overlay.unpaired': 'Graphics not connected: open the pairing link with ?view=overlay',
  'host.screens.overlay': 'stream graphics',
  // The booth's alarm and the readiness chip in the host's top bar, beside the show.
  'booth.chip': 'Failing: {name}',
  'booth.chipMany': {
    one: 'Failing: {n} target',
    few: 'Failing: {n} targets',
    many: 'Failing: {n} targets',
    other: 'Failing: {n} targets',
  },
  'booth.chipTitle': 'The booth is not answering. {list}',
  'prepare.readiness.errors': {
    one: '{n} error',
    few: '{n} errors',
    many: '{n} errors',
    other: '{n} errors',
  },
  'prepare.readiness.warnings': {
    one: '{n} warning',
    few: '{n} warnings',
    many: '{n} warnings',
    other: '{n} warnings',
  },
  'prepare.readiness.chip': 'Readiness: {summary}',
  'prepare.readiness.chipReady': 'Readiness: all ready',
  // What starting a new ceremony removes: said by shared/src/ceremonyNew.ts, which the host's first chunk carries.
  'prepare.count.nominees': forms('{n} nominee', '{n} nominees'),
  'prepare.count.guests': forms('{n} guest', '{n} guests'),
  'prepare.count.admissions': forms('{n} admission', '{n} admissions'),
  'prepare.count.stationVisits': forms('{n} station visit', '{n} station visits'),
  'prepare.count.cues': forms('{n} cue', '{n} cues'),
  'prepare.count.media': forms('{n} demo video file', '{n} demo video files'),
  'prepare.count.feedback': forms('{n} guest review', '{n} guest reviews'),
  'prepare.count.nominations': forms('{n} nomination', '{n} nominations'),
  'prepare.count.stations': forms('{n} station', '{n} stations'),
};
