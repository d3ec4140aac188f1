import type { prepCeremonyRu } from './prep-ceremony.ru.js';

type Forms = { one: string; few: string; many: string; other: string };

/** English strings of the «Подготовка» tab, section «ceremony» (merged into en.ts). */
export const prepCeremonyEn: {
  [K in keyof typeof prepCeremonyRu]: (typeof prepCeremonyRu)[K] extends string ? string : Forms;
} = {
  'prepare.ceremony.settings': 'Ceremony settings',
  'prepare.ceremony.title': 'Title',
  'prepare.ceremony.subtitle': 'Subtitle',
  'prepare.ceremony.date': 'Date',
  'prepare.ceremony.time': 'Start time',
  'prepare.ceremony.when': 'Starts: {date}, {time}',
  'prepare.ceremony.venue': 'Venue',
  'prepare.ceremony.duration': 'Length of the evening',
  'prepare.ceremony.hours': 'h',
  'prepare.ceremony.minutes': 'min',
  'prepare.ceremony.colours': 'Projector colours',
  'prepare.ceremony.colour.background': 'Background',
  'prepare.ceremony.colour.text': 'Text',
  'prepare.ceremony.colour.accent': 'Accent',
  'prepare.ceremony.colour.primary': 'Primary',
  'prepare.ceremony.logo': 'Logo',
  'prepare.ceremony.preview': 'The projector looks like this',
  'prepare.ceremony.previewAccent': 'Nomination',
  'prepare.ceremony.save': 'Save',
  'prepare.ceremony.saved': 'Saved.',
  'prepare.ceremony.demo': 'The demo ceremony with invented people is loaded now.',
  'prepare.ceremony.error.title': 'Enter the ceremony title.',
  'prepare.ceremony.error.when': 'Enter the start date and time.',
  'prepare.ceremony.error.minutes': 'Minutes: 0 to 59.',
  'prepare.ceremony.error.duration': 'The evening cannot last more than 24 hours.',

  'prepare.rehearsal.heading': 'Rehearsal',
  'prepare.rehearsal.started': 'The show has started: cue {n} of {total}.',
  'prepare.rehearsal.explain':
    'After the rehearsal, take the show back to the start: the evening clock, over/under and the report count from the evening’s first GO. The show log keeps the rehearsal.',
  'prepare.rehearsal.end': 'End the rehearsal',
  'prepare.rehearsal.confirm': 'End the rehearsal and take the show back to the start?',
  'prepare.rehearsal.choose': 'What about the admissions and station visits made so far?',
  'prepare.rehearsal.keep': 'Keep them: guests are already coming in for real',
  'prepare.rehearsal.clear': 'Remove them: they were test scans ({admissions}, {visits})',
  'prepare.rehearsal.chooseFirst': 'Choose keep or remove.',
  'prepare.rehearsal.doneKeep': 'Rehearsal ended: the show is back at the start; admissions and visits kept.',
  'prepare.rehearsal.doneClear':
    'Rehearsal ended: the show is back at the start; removed: {admissions}, {visits}.',

  'prepare.new.heading': 'New ceremony',
  'prepare.new.explain':
    'Start preparing a new evening from scratch: no nominees, guests or admissions. Nominations and stations stay, to be edited.',
  'prepare.new.open': 'New ceremony…',
  'prepare.new.running':
    'The show is running: a new ceremony can be started after the evening or after «End the rehearsal».',
  'prepare.new.next': 'Next',
  'prepare.new.cancel': 'Cancel',
  'prepare.new.removes': 'To be removed: {list}.',
  'prepare.new.removesNothing': 'Nothing to remove.',
  'prepare.new.keeps': 'Kept: {list}, to be edited.',
  'prepare.new.confirm': 'Start the new ceremony «{title}»?',
  'prepare.new.start': 'Start the new ceremony',
  'prepare.new.done': 'New ceremony «{title}» started.',
  'prepare.new.and': ' and ',
};
