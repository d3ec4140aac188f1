import type { errorsRu } from './errors.ru.js';

/** English words for refusals, key for key with errors.ru.ts. */
export const errorsEn: { [K in keyof typeof errorsRu]: string } = {
  'error.code.UNAUTHORIZED': 'Please sign in again with your PIN.',
  'error.code.FORBIDDEN': 'Your role cannot do this.',
  'error.code.INVALID_PAYLOAD': 'Not accepted: check the data and try again.',
  'error.code.STALE_REVISION': 'The show moved on while you decided. Check the screen and try again.',
  'error.code.GO_TOO_SOON': 'Too fast: the second press was not counted.',
  'error.code.NOT_FOUND': 'Not found.',
  'error.code.END_OF_SHOW': 'This is the last cue of the programme.',
  'error.code.START_OF_SHOW': 'This is the first cue of the programme.',
  'error.code.RATE_LIMITED': 'Too many requests. Please wait a little.',
  'error.code.PAYLOAD_TOO_LARGE': 'The request is too large.',
  'error.code.PROTOCOL_MISMATCH': 'Reload the page: this version is out of date.',
  'error.code.BAD_PIN': 'Wrong PIN',
  'error.code.CONFLICT': 'This cannot be done now: the data is in use.',
  'error.code.UNKNOWN_EVENT': 'Unknown command.',
  'error.code.INTERNAL': 'Internal server error; nothing changed.',
  'error.code.INSUFFICIENT_STORAGE': 'The server’s disk is full.',
  'error.code.TIMEOUT': 'No connection to the server',
};
