import { refusal, type Failure } from '@ceremony/shared';
import { StoreUnavailableError, type NotCommitted } from '../store/unavailable.js';
import type { WriteStage } from '../store/write-stage.js';
import { answerEarly, type EarlyReason } from './standby-wait.js';

/** With hubs on one PostgreSQL: why a write is not confirmed, and the note that one was given up on. */
export interface AccessStandbyDeps {
  why(): Promise<NotCommitted>;
  /** This hub gave up on an access write that may still land: its own NOTIFY is then copied in. */
  gaveUp(): void;
}

/**
 * How the access writes (sign-ins, PINs, pairing codes, revocations) are answered while the backup
 * laptop is off and every commit waits for it (docs/SCALING.md): after 2.5 s, not the query
 * timeout's «unreachable» 10 s later (answerEarly). Alone (SQLite, no standby), simply awaited.
 */
export class AccessStandby {
  constructor(private readonly standby: AccessStandbyDeps | undefined) {}

  /**
   * `write`, answered as `early` says when it still waits after 2.5 s (it lands later, or was
   * stopped: write-stage.ts). A write that lands later is copied into this hub on its own NOTIFY
   * (gaveUp), noted now: it may land any moment.
   */
  answer<T, E>(write: (stage?: WriteStage) => Promise<T>, early: (reason: EarlyReason) => E): Promise<T | E> {
    const standby = this.standby;
    if (!standby) return write();
    return answerEarly(
      write,
      () => standby.why(),
      (reason) => {
        standby.gaveUp();
        return early(reason);
      },
    );
  }

  /**
   * A sign-in still waiting is refused in words of its own: the device is recorded once the standby
   * answers or `standby.sh solo` runs, but its token never reaches the phone, so «it will be carried
   * out» would be wrong; a PIN works again after `solo`, a pairing code has then been used up
   * (unless its sign-in was stopped, held up).
   */
  refused<T>(
    work: (stage?: WriteStage) => Promise<T>,
    reason: (early: EarlyReason) => 'error.store.signInWaiting' | 'error.store.pairingWaiting',
  ): Promise<T | Failure> {
    return this.answer(work, (early) => refusal('INTERNAL', reason(early)));
  }

  /**
   * Whether `write` still waits after 2.5 s: then it lands once the standby answers or `solo` runs,
   * and the answer says so instead of waiting on. Held up behind another waiting write, it was
   * stopped: not carried out, said so (error.store.standbyStalled).
   */
  async waiting(write: (stage?: WriteStage) => Promise<unknown>): Promise<boolean> {
    const settled = await this.answer(
      async (stage) => {
        await write(stage);
        return 'done' as const;
      },
      (reason) => {
        if (reason === 'error.store.standbyStalled')
          throw new StoreUnavailableError('an access change held up behind another', reason);
        return 'waiting' as const;
      },
    );
    return settled === 'waiting';
  }
}
