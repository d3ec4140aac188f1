import dgram from 'node:dgram';
import { Message, encode } from 'node-osc';
import type { BoothTarget, CueAction } from '@ceremony/shared';

/** How long an HTTP target may take: longer and the host sees a warning (the GO never waits for it). */
export const HTTP_TARGET_TIMEOUT_MS = 2000;

/** Why a delivery failed, as a dictionary key the apps can say. */
export type DeliveryReason =
  | 'booth.reason.timeout'
  | 'booth.reason.refused'
  | 'booth.reason.dns'
  | 'booth.reason.status'
  | 'booth.reason.other';

export class DeliveryError extends Error {
  constructor(
    readonly reason: DeliveryReason,
    detail: string,
  ) {
    super(detail);
  }
}

/** An OSC argument as the cue feed and cue actions carry it: integers as `i`, other numbers `f`, strings `s`. */
export type OscValue = number | string;

/** Sends to the booth's machines: OSC over one UDP socket, HTTP with a short timeout. */
export interface BoothDelivery {
  osc(host: string, port: number, address: string, args: readonly OscValue[]): Promise<void>;
  action(target: BoothTarget, action: CueAction): Promise<void>;
  close(): void;
}

function reasonOf(err: unknown): DeliveryReason {
  const code =
    (err as { code?: string; cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code;
  const name = (err as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') return 'booth.reason.timeout';
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET') return 'booth.reason.refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'booth.reason.dns';
  return 'booth.reason.other';
}

const failed = (err: unknown) =>
  err instanceof DeliveryError
    ? err
    : new DeliveryError(reasonOf(err), String((err as Error).message ?? err));

/** The real sender: a UDP socket made on first use, and fetch with an abort after the timeout. */
export function boothDelivery(timeoutMs = HTTP_TARGET_TIMEOUT_MS): BoothDelivery {
  let udp: dgram.Socket | null = null;
  const socket = () => {
    if (udp) return udp;
    udp = dgram.createSocket('udp4');
    // An ICMP "port unreachable" from a closed QLab arrives here, not in send's callback: log, carry on.
    udp.on('error', (err) => console.warn('[booth] OSC out:', err.message));
    udp.unref();
    return udp;
  };
  const osc: BoothDelivery['osc'] = (host, port, address, args) =>
    new Promise((resolve, reject) => {
      let packet: Buffer;
      try {
        packet = encode(new Message(address, ...args));
      } catch (err) {
        return reject(new DeliveryError('booth.reason.other', String(err)));
      }
      socket().send(packet, port, host, (err) => (err ? reject(failed(err)) : resolve()));
    });
  return {
    osc,
    async action(target, action) {
      if (action.kind === 'osc') return osc(target.host, target.port, action.address, action.args);
      const url = `http://${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}${action.path}`;
      let res: Response;
      try {
        res = await fetch(url, {
          method: action.method,
          body: action.method === 'GET' ? undefined : (action.body ?? ''),
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'manual',
        });
        await res.arrayBuffer();
      } catch (err) {
        throw failed(err);
      }
      if (res.status >= 400) throw new DeliveryError('booth.reason.status', `HTTP ${res.status}`);
    },
    close() {
      udp?.close();
      udp = null;
    },
  };
}
