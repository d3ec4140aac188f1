/**
 * The brake on PIN guessing. A venue puts every phone behind one NAT address, so a hard lock-out per
 * address would let one prankster lock out every volunteer and the admin: instead each address gets
 * a few free wrong tries and then a delay that doubles with every further wrong PIN, never longer than
 * `maxDelayMs` (docs/PROTOCOL.md: after 12 wrong PINs the right one works again within 60 s).
 *
 * Guessing spread over many addresses is caught by a count across all of them: past `globalLimit`
 * wrong PINs in `globalWindowMs` the brake raises an alarm (shown to the admin) and every address
 * that guesses wrong is held from its first wrong PIN. Addresses that never guessed wrong are not
 * held, so the venue still signs in.
 *
 * What it counts lives in a ledger: in memory on one hub, in PostgreSQL when hubs share one
 * (store/postgres/brake.ledger.ts), so wrong PINs sent to different hubs count together.
 */
export interface BrakeRules {
  /** Wrong PINs an address may make before it is held (while there is no alarm). */
  freeTries: number;
  firstDelayMs: number;
  maxDelayMs: number;
  /** An address that made no wrong guess for this long starts again from zero. */
  forgetMs: number;
  globalWindowMs: number;
  globalLimit: number;
}

export const BRAKE_RULES: BrakeRules = {
  freeTries: 5,
  firstDelayMs: 1000,
  maxDelayMs: 30_000,
  forgetMs: 15 * 60_000,
  globalWindowMs: 10 * 60_000,
  globalLimit: 50,
};

/** At most this many addresses are remembered: spoofed IPv6 sources must not grow memory for ever. */
export const MAX_ADDRESSES = 10_000;

/** One address's wrong PINs since it last started from zero, and when the last one came. */
export interface BrakeEntry {
  failures: number;
  lastAt: number;
}

/** Which wrong PINs still count at a moment: an address's since `forgetBefore`, all of them since `windowStart`. */
export interface BrakeSpan {
  now: number;
  forgetBefore: number;
  windowStart: number;
}

/** Where the brake keeps its counts. Every method sees only what still counts in `span`. */
export interface BrakeLedger {
  /** The address's entry (null when it has none that counts) and the wrong PINs of every address. */
  read(address: string, span: BrakeSpan): Promise<{ entry: BrakeEntry | null; recent: number }>;
  /** Counts one more wrong PIN of the address at `span.now`; answers the wrong PINs of every address. */
  failed(address: string, span: BrakeSpan): Promise<number>;
  /** The right PIN: the address starts from zero. */
  succeeded(address: string): Promise<void>;
  /** Forgets every count. */
  clear(): Promise<void>;
  /** Every address's entry that counts, and the wrong PINs of every address. */
  all(span: BrakeSpan): Promise<{ entries: [string, BrakeEntry][]; recent: number }>;
}

/** The ledger of one hub alone. */
export class MemoryBrakeLedger implements BrakeLedger {
  private addresses = new Map<string, BrakeEntry>();
  private recent: number[] = [];

  async read(address: string, span: BrakeSpan) {
    return { entry: this.current(address, span) ?? null, recent: this.window(span).length };
  }

  async failed(address: string, span: BrakeSpan): Promise<number> {
    const r = this.current(address, span);
    this.addresses.delete(address); // re-inserted last: the Map stays ordered oldest first
    this.addresses.set(address, { failures: (r?.failures ?? 0) + 1, lastAt: span.now });
    if (this.addresses.size > MAX_ADDRESSES) this.addresses.delete(this.addresses.keys().next().value!);
    this.recent = [...this.window(span), span.now];
    return this.recent.length;
  }

  async succeeded(address: string): Promise<void> {
    this.addresses.delete(address);
  }

  async clear(): Promise<void> {
    this.addresses.clear();
    this.recent = [];
  }

  async all(span: BrakeSpan) {
    const entries = [...this.addresses.keys()].flatMap((address): [string, BrakeEntry][] => {
      const entry = this.current(address, span);
      return entry ? [[address, entry]] : [];
    });
    return { entries, recent: this.window(span).length };
  }

  private current(address: string, span: BrakeSpan): BrakeEntry | undefined {
    const r = this.addresses.get(address);
    if (r && r.lastAt <= span.forgetBefore) {
      this.addresses.delete(address);
      return undefined;
    }
    return r;
  }

  private window(span: BrakeSpan): number[] {
    return this.recent.filter((t) => t > span.windowStart);
  }
}

export interface BrakeStatus {
  alarm: boolean;
  /** Wrong PINs across all addresses in the global window. */
  recentFailures: number;
  /** Addresses held right now, with how long until they may try again. */
  held: { address: string; failures: number; retryAfterS: number }[];
}

export class PinBrake {
  private alarmed = false;

  constructor(
    private readonly clock: () => number,
    private readonly rules: BrakeRules = BRAKE_RULES,
    /** Told once when wrong PINs across addresses pass the global limit. */
    private readonly onAlarm: (recentFailures: number) => void = () => {},
    private readonly ledger: BrakeLedger = new MemoryBrakeLedger(),
  ) {}

  /** How many ms `address` must still wait before its next try (0: it may try now). */
  async waitMs(address: string): Promise<number> {
    const span = this.span();
    const { entry, recent } = await this.ledger.read(address, span);
    return this.wait(entry, this.alarm(recent), span.now);
  }

  async failed(address: string): Promise<void> {
    const recent = await this.ledger.failed(address, this.span());
    if (this.alarm(recent) && !this.alarmed) {
      this.alarmed = true;
      this.onAlarm(recent);
    }
  }

  /** The right PIN: this address starts again from zero. */
  succeeded(address: string): Promise<void> {
    return this.ledger.succeeded(address);
  }

  /** The admin's «clear the brake»: every address may try again at once, the alarm is off. */
  async clear(): Promise<void> {
    await this.ledger.clear();
    this.alarmed = false;
  }

  async status(): Promise<BrakeStatus> {
    const span = this.span();
    const { entries, recent } = await this.ledger.all(span);
    const alarm = this.alarm(recent);
    const held = entries
      .map(([address, entry]) => ({ address, entry, ms: this.wait(entry, alarm, span.now) }))
      .filter((h) => h.ms > 0)
      .map(({ address, entry, ms }) => ({
        address,
        failures: entry.failures,
        retryAfterS: Math.ceil(ms / 1000),
      }));
    return { alarm, recentFailures: recent, held };
  }

  private span(): BrakeSpan {
    const now = this.clock();
    return { now, forgetBefore: now - this.rules.forgetMs, windowStart: now - this.rules.globalWindowMs };
  }

  private wait(entry: BrakeEntry | null, alarm: boolean, now: number): number {
    if (!entry) return 0;
    return Math.max(0, entry.lastAt + this.delayAfter(entry.failures, alarm) - now);
  }

  private delayAfter(failures: number, alarm: boolean): number {
    const free = alarm ? 0 : this.rules.freeTries;
    if (failures <= free) return 0;
    return Math.min(this.rules.firstDelayMs * 2 ** (failures - free - 1), this.rules.maxDelayMs);
  }

  private alarm(recent: number): boolean {
    const on = recent >= this.rules.globalLimit;
    if (!on) this.alarmed = false;
    return on;
  }
}
