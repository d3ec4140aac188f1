import type { ShowCommand } from './show.js';

/**
 * What an OSC message from the booth asks of the show (protocol.md, «The booth»). Pure, so the
 * addresses and their argument types are one table test; the server only decodes the packet (with
 * an OSC library) and hands the address and argument values here.
 */

/** Why a message was not a command: the server counts each kind for the admin. */
export type OscIgnored = 'unknown-address' | 'wrong-type' | 'release';

export type OscVerdict = { ok: true; command: ShowCommand } | { ok: false; ignored: OscIgnored };

/** The addresses the show answers to; everything else under or outside /ceremony is unknown. */
export const OSC_ADDRESSES = [
  '/ceremony/go',
  '/ceremony/back',
  '/ceremony/goto',
  '/ceremony/blackout',
] as const;

const CUE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const ignored = (why: OscIgnored): OscVerdict => ({ ok: false, ignored: why });

/**
 * A button press: no argument, or one number. Lighting desks and Companion's OSC buttons often send
 * `1` on press and `0` on release; the release must not be a second GO, so it is ignored.
 */
function press(args: readonly unknown[]): OscVerdict | null {
  if (args.length === 0) return null;
  if (args.length === 1 && typeof args[0] === 'number' && Number.isFinite(args[0]))
    return args[0] === 0 ? ignored('release') : null;
  return ignored('wrong-type');
}

/**
 * The show command an OSC message stands for, without expectedRevision (like a hardware button
 * over HTTP): the double-GO guard still applies in the engine. `args` are the decoded values.
 */
export function showCommandFromOsc(address: string, args: readonly unknown[]): OscVerdict {
  switch (address) {
    case '/ceremony/go':
      return press(args) ?? { ok: true, command: { type: 'go' } };
    case '/ceremony/back':
      return press(args) ?? { ok: true, command: { type: 'back' } };
    case '/ceremony/goto': {
      const [cueId] = args;
      if (args.length !== 1 || typeof cueId !== 'string' || !CUE_ID.test(cueId)) return ignored('wrong-type');
      return { ok: true, command: { type: 'goto', cueId } };
    }
    case '/ceremony/blackout': {
      const [on] = args;
      if (args.length !== 1 || (on !== 0 && on !== 1)) return ignored('wrong-type');
      return { ok: true, command: { type: 'blackout', on: on === 1 } };
    }
    default:
      return ignored('unknown-address');
  }
}
