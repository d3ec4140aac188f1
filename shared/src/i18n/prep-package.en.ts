import type { prepPackageRu } from './prep-package.ru.js';

type Forms = { one: string; few: string; many: string; other: string };
const forms = (one: string, many: string): Forms => ({ one, few: many, many, other: many });

/** English strings of the «Подготовка» tab, section «package» (merged into en.ts). */
export const prepPackageEn: {
  [K in keyof typeof prepPackageRu]: (typeof prepPackageRu)[K] extends string ? string : Forms;
} = {
  'package.hint':
    'Prepare the evening in the office, move it to the hall as one file. Save the ceremony to a file here (scenario, guests with badge codes, every photo and video), carry it to the hall laptop and load it there. The file holds guests’ personal data: keep it like a document.',
  'package.export.title': 'Save the ceremony to a file',
  'package.export.size': 'The file will be about {size}.',
  'package.export.button': 'Save the ceremony to a file',
  'package.export.saving': 'Saving… {size}',
  'package.export.done': 'File saved: {name}.',
  'package.export.failed': 'Could not save the file. Try again.',
  'package.export.missing':
    'The library lacks files the scenario refers to: {names}. The hall will refuse such a file.',
  'package.import.title': 'Load the ceremony from a file',
  'package.import.button': 'Choose a ceremony file…',
  'package.import.uploading': 'Uploading “{name}”: {done} of {total}',
  'package.import.cancel': 'Cancel upload',
  'package.import.cancelled': 'Upload cancelled, nothing changed.',
  'package.import.offline': 'No connection to the server: nothing changed.',
  'package.report.title': 'The file holds “{title}” of {date}',
  'package.report.replaces': 'It replaces “{title}” here',
  'package.report.keep': 'Other library files stay.',
  'package.replace': 'Replace',
  'package.discard': 'Do not load',
  'package.confirm':
    'Replace the ceremony “{current}” with “{title}”? The scenario and the guest list are replaced whole, arrivals are cleared.',
  'package.applied': 'Ceremony “{title}” loaded.',
  'package.units': 'bytes|KB|MB|GB|TB',
  'package.count.nominations': forms('{n} nomination', '{n} nominations'),
  'package.count.nominees': forms('{n} nominee', '{n} nominees'),
  'package.count.cues': forms('{n} cue', '{n} cues'),
  'package.count.guests': forms('{n} guest', '{n} guests'),
  'package.count.media': forms('{n} media file ({size})', '{n} media files ({size})'),
  'package.count.admissions': forms('{n} arrival will be cleared', '{n} arrivals will be cleared'),
  'package.count.added': forms('{n} file added', '{n} files added'),
  'package.count.replaced': forms('{n} same-name file replaced', '{n} same-name files replaced'),
};
