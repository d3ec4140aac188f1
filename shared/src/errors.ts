import { isKey, translate, type Key } from './i18n/index.js';

/** Every error code the control-server answers with (docs/PROTOCOL.md plus the ones this product adds). */
export const ERROR_CODES = [
  'UNAUTHORIZED',
  'FORBIDDEN',
  'INVALID_PAYLOAD',
  'STALE_REVISION',
  'GO_TOO_SOON',
  'NOT_FOUND',
  'END_OF_SHOW',
  'START_OF_SHOW',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'PROTOCOL_MISMATCH',
  'BAD_PIN',
  'CONFLICT',
  'UNKNOWN_EVENT',
  'INTERNAL',
  /** The media folder's disk has no room for the upload (checked before a byte is written). */
  'INSUFFICIENT_STORAGE',
  /** Client side only: the server did not answer in time (the link is down). */
  'TIMEOUT',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Values a refusal's words need («{names}», {guardMs}); data stays data, never prose in code. */
export type ErrorParams = Record<string, string | number>;

export interface ErrorBody {
  code: ErrorCode;
  /** Russian words for raw API users; the apps translate `reason` (or `code`) instead. */
  message: string;
  /** The dictionary key that says what went wrong, finer than `code` (e.g. `error.nominationInUse`). */
  reason?: Key;
  params?: ErrorParams;
}
export interface Failure {
  ok: false;
  error: ErrorBody;
}
export type Success<T extends object = object> = { ok: true } & T;
export type Answer<T extends object = object> = Success<T> | Failure;

/** Words a person reads, as a dictionary key with its values, and the same words in Russian as `message`. */
export interface Words {
  message: string;
  reason: Key;
  params?: ErrorParams;
}

/** One line of an imported file that was not taken, and why (`reason` is absent only from an older server). */
export type LineError = { line: number } & Pick<Words, 'message'> & Partial<Omit<Words, 'message'>>;

/** Builds `Words` from a dictionary key: the apps say `reason`, raw API users read `message`. */
export function words(reason: Key, params?: ErrorParams): Words {
  const message = translate('ru', reason, params);
  return params ? { message, reason, params } : { message, reason };
}

/** A line of an imported file that was not taken, with the words for why. */
export function lineError(line: number, reason: Key, params?: ErrorParams): LineError {
  return { line, ...words(reason, params) };
}

/**
 * Builds the one error shape used on the wire, HTTP and socket alike, from a dictionary key: the
 * apps show `reason` in the device's language, and `message` is the same words in Russian.
 */
export function refusal(code: ErrorCode, reason: Key, params?: ErrorParams): Failure {
  return { ok: false, error: { code, ...words(reason, params) } };
}

/** A reason the server sent that this app's dictionary knows (a newer server may send others). */
export function knownReason(error: Pick<ErrorBody, 'reason'>): Key | null {
  return error.reason && isKey(error.reason) ? error.reason : null;
}

/** HTTP status for an error code, so routers never pick one by hand. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'UNAUTHORIZED':
    case 'BAD_PIN':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'STALE_REVISION':
    case 'GO_TOO_SOON':
    case 'END_OF_SHOW':
    case 'START_OF_SHOW':
    case 'CONFLICT':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'RATE_LIMITED':
      return 429;
    case 'INVALID_PAYLOAD':
    case 'UNKNOWN_EVENT':
    case 'PROTOCOL_MISMATCH':
      return 400;
    case 'INTERNAL':
      return 500;
    case 'INSUFFICIENT_STORAGE':
      return 507;
    case 'TIMEOUT':
      return 504;
    default:
      return code satisfies never;
  }
}

/**
 * What a person reads for a refusal, in the device's language: the reason's words with its values,
 * else the words for the code. `t` is the app's translate function (`useT()` or `translate(lang, …)`).
 */
export function errorText(
  t: (key: Key, params?: ErrorParams) => string,
  error: Pick<ErrorBody, 'code' | 'reason' | 'params'>,
): string {
  const reason = knownReason(error);
  if (reason) return t(reason, error.params);
  return t(`error.code.${error.code}`);
}

/** What a person reads for words that came from the server (an import line): the reason, else the Russian as sent. */
export function wordsText(
  t: (key: Key, params?: ErrorParams) => string,
  said: Pick<Words, 'message'> & Partial<Omit<Words, 'message'>>,
): string {
  const reason = knownReason(said);
  return reason ? t(reason, said.params) : said.message;
}
