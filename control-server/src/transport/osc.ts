import dgram from 'node:dgram';
import { decode } from 'node-osc';
import { showCommandFromOsc, type Answer, type ShowCommand } from '@ceremony/shared';
import { TokenBuckets } from '../domain/buckets.js';
import { inBackground } from '../background.js';

/** What OSC input did with every packet, for the admin's booth page. */
export interface OscInCounters {
  received: number;
  /** A show command that the show took. */
  applied: number;
  /** A command the show refused (double GO within the guard, start or end of the show). */
  refused: number;
  notAllowed: number;
  flooded: number;
  malformed: number;
  /** Bundles are not taken: no booth tool needs them for four commands. */
  bundle: number;
  wrongType: number;
  unknownAddress: number;
  /** A button's release (`0`), which must not be a second GO. */
  release: number;
}

/**
 * A sender may send this many packets at once and this many a second: a Stream Deck pressed as fast
 * as a hand can is well inside, a loop gone wrong is cut off before it costs the show anything.
 */
export const OSC_SENDER_RULE = { capacity: 20, perSecond: 10 };

export interface OscInput {
  port: number;
  counters(): OscInCounters;
  close(): Promise<void>;
}

export interface OscInDeps {
  port: number;
  host: string;
  /** Sender addresses taken; everything else is counted and dropped before decoding. */
  allow: readonly string[];
  apply: (command: ShowCommand) => Promise<Answer<object>>;
  clock: () => number;
}

const BUNDLE = Buffer.from('#bundle\0');
/** `::ffff:127.0.0.1` on a dual-stack socket is the same sender as `127.0.0.1`. */
const plainAddress = (a: string) => (a.startsWith('::ffff:') ? a.slice(7) : a);

/**
 * OSC in: `/ceremony/go|back|goto|blackout` become the host's commands through the same ShowService
 * path, so the double-GO guard and the revision rules hold. Every bad packet is counted and dropped;
 * nothing a packet holds can throw out of here.
 */
export function listenOsc(deps: OscInDeps): Promise<OscInput> {
  const counters: OscInCounters = {
    received: 0,
    applied: 0,
    refused: 0,
    notAllowed: 0,
    flooded: 0,
    malformed: 0,
    bundle: 0,
    wrongType: 0,
    unknownAddress: 0,
    release: 0,
  };
  const allowed = new Set(deps.allow.map(plainAddress));
  const senders = new TokenBuckets(OSC_SENDER_RULE, deps.clock, 100);
  const socket = dgram.createSocket('udp4');

  const onPacket = inBackground('an OSC packet', (packet: Buffer, from: dgram.RemoteInfo) => {
    counters.received++;
    const sender = plainAddress(from.address);
    if (!allowed.has(sender)) return void counters.notAllowed++;
    if (!senders.take(sender)) return void counters.flooded++;
    if (packet.subarray(0, 8).equals(BUNDLE)) return void counters.bundle++;
    let message: { address: string; args: { value: unknown }[] };
    try {
      message = decode(packet);
    } catch {
      return void counters.malformed++;
    }
    const verdict = showCommandFromOsc(
      message.address,
      message.args.map((a) => a.value),
    );
    if (!verdict.ok) {
      if (verdict.ignored === 'wrong-type') counters.wrongType++;
      else if (verdict.ignored === 'unknown-address') counters.unknownAddress++;
      else counters.release++;
      return;
    }
    // Counted once the command has committed or been refused; a store error counts as refused.
    deps.apply(verdict.command).then(
      (answer) => void (answer.ok ? counters.applied++ : counters.refused++),
      () => void counters.refused++,
    );
  });
  socket.on('message', onPacket);
  // A UDP socket's error after binding (rare: an ICMP from a sender) must not end the show.
  socket.on('error', (err) => console.warn('[osc] in:', err.message));

  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(deps.port, deps.host, () => {
      socket.off('error', reject);
      resolve({
        port: socket.address().port,
        counters: () => ({ ...counters }),
        close: () => new Promise<void>((done) => socket.close(() => done())),
      });
    });
  });
}
