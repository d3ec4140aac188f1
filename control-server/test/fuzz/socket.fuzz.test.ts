import fc from 'fast-check';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ClientPayloadSchemas,
  EVENT_ROLES,
  MAX_MESSAGE_BYTES,
  MESSAGE_ENVELOPE_BYTES,
  type Role,
} from '@ceremony/shared';
import { ask, startServer, type TestServer, type TestSocket } from '../helpers.js';
import { anyValue, fingerprint, nearMiss, onTheWire } from './fingerprint.js';

type EventName = keyof typeof ClientPayloadSchemas;
// Every event of the contract, read at run time: events other areas add are fuzzed too.
const EVENTS = Object.keys(ClientPayloadSchemas) as EventName[];

let s: TestServer;
const sockets = new Map<Role, TestSocket>();
beforeAll(async () => {
  s = await startServer();
  for (const role of ['admin', 'host', 'volunteer', 'display'] as const)
    sockets.set(role, await s.socket(role));
});
afterAll(() => s.stop());

/** Bytes of the JSON the client puts on the wire (binary counted generously, as JSON numbers). */
const wireBytes = (p: unknown) => Buffer.byteLength(JSON.stringify(onTheWire(p)) ?? '');

/**
 * Payloads shaped like the event's own (its field names, wrong values, extra fields) or anything at
 * all. Kept under Socket.IO's message limit: a bigger one closes the sender's connection by design,
 * which is its own test below (two 200 KB fields in one near-miss would otherwise end this socket).
 */
function badPayloads(event: EventName): fc.Arbitrary<unknown> {
  const schema = ClientPayloadSchemas[event] as z.ZodType;
  return fc
    .oneof(anyValue, nearMiss(schema))
    .filter(
      (p) =>
        wireBytes(p) < MAX_MESSAGE_BYTES - MESSAGE_ENVELOPE_BYTES && !schema.safeParse(onTheWire(p)).success,
    );
}

describe('every socket event, fed random and malformed payloads', () => {
  it.each(EVENTS)('%s: INVALID_PAYLOAD, nothing changed, connection up', async (event) => {
    const role = EVENT_ROLES[event][0] as Role;
    const socket = sockets.get(role)!;
    await fc.assert(
      fc.asyncProperty(badPayloads(event), async (payload) => {
        expect(socket.connected, 'the previous payload ended the connection').toBe(true);
        const before = fingerprint(s);
        const answer = await ask(socket, event, payload);
        expect(answer.ok).toBe(false);
        expect(answer.error.code).toBe('INVALID_PAYLOAD');
        expect(typeof answer.error.message).toBe('string');
        expect(fingerprint(s)).toBe(before);
        expect(socket.connected).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it('a payload with no acknowledgement, or an unknown event, is harmless', async () => {
    const socket = sockets.get('admin')!;
    const before = fingerprint(s);
    const raw = socket as unknown as { emit: (event: string, payload: unknown) => void };
    for (const event of EVENTS) raw.emit(event, { junk: '\u0000' });
    const unknown = await ask(socket, 'show:explode', {});
    expect(unknown.error.code).toBe('UNKNOWN_EVENT');
    const odd = await ask(socket, '\u202E'.repeat(500), {});
    expect(odd.error.code).toBe('UNKNOWN_EVENT');
    expect(fingerprint(s)).toBe(before);
    expect((await ask(socket, 'time:ping', {})).ok).toBe(true);
  });
});

describe('a message over maxHttpBufferSize', () => {
  it('closes only the sender’s connection; the server and everyone else carry on', async () => {
    const sender = await s.socket('volunteer');
    const bystander = sockets.get('display')!;
    const before = fingerprint(s);
    const closed = new Promise<string>((r) => sender.once('disconnect', r));
    const code = 'x'.repeat(MAX_MESSAGE_BYTES + 1024);
    const answer = ask(sender, 'checkin:scan', { code, scanId: 'too-big-0001' }).catch(
      (e: Error) => e.message,
    );
    // Socket.IO (engine.io's ws maxPayload) drops the connection: no acknowledgement comes back.
    expect(await closed).toBe('transport close');
    expect(await answer).toMatch(/timed out|disconnect/i);
    expect(fingerprint(s)).toBe(before);
    expect(bystander.connected).toBe(true);
    expect((await ask(bystander, 'time:ping', {})).ok).toBe(true);
    // The same phone signs back in and scans normally.
    const again = await s.socket('volunteer');
    expect((await ask(again, 'checkin:stats', {})).ok).toBe(true);
  });
});
