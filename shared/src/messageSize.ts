import { MAX_MESSAGE_BYTES } from './events/common.js';

/**
 * Room kept in one socket message for what travels around the payload: the event name, the ack id,
 * Socket.IO's framing, and other packets the polling transport may batch into the same request.
 * Generous on purpose: a payload that passes here must never meet the server's limit.
 */
export const MESSAGE_ENVELOPE_BYTES = 4096;

/** UTF-8 bytes of a payload as JSON, the way it goes on the wire. */
export function payloadBytes(payload: unknown): number {
  return new TextEncoder().encode(JSON.stringify(payload) ?? '').length;
}

/**
 * Whether a payload fits in one socket message. Over `MAX_MESSAGE_BYTES` Socket.IO drops the whole
 * connection without a word, so senders check here first and tell the operator instead.
 */
export function fitsInOneMessage(payload: unknown): boolean {
  return payloadBytes(payload) <= MAX_MESSAGE_BYTES - MESSAGE_ENVELOPE_BYTES;
}
