/** Every error code the control-server answers with (protocol.md plus the ones this product adds). */
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

export interface ErrorBody {
  code: ErrorCode;
  message: string;
}
export interface Failure {
  ok: false;
  error: ErrorBody;
}
export type Success<T extends object = object> = { ok: true } & T;
export type Answer<T extends object = object> = Success<T> | Failure;

/** Builds the one error shape used on the wire, HTTP and socket alike. */
export function failure(code: ErrorCode, message: string): Failure {
  return { ok: false, error: { code, message } };
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
