import type { Answer } from '../errors.js';

/**
 * Bumped when the wire contract changes incompatibly; the handshake carries it. 2: a display's view
 * moved by `show:view` deltas, which a version-1 screen would ignore and so show awards unnamed.
 * 3: the delta rides inside that role's `show:state` (`view`), one message per GO instead of two.
 */
export const PROTOCOL_VERSION = 3;

/** Socket.IO's own limit on one message; every payload is further limited by its schema. */
export const MAX_MESSAGE_BYTES = 256 * 1024;

export const ROLES = ['admin', 'host', 'volunteer', 'display'] as const;
export type Role = (typeof ROLES)[number];

/** The acknowledgement every client → server event carries. */
export type Ack<T extends object = object> = (answer: Answer<T>) => void;
