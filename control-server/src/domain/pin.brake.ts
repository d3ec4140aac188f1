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
const MAX_ADDRESSES = 10_000;

interface Record {
  failures: number;
  lastAt: number;
}

export interface BrakeStatus {
  alarm: boolean;
  /** Wrong PINs across all addresses in the global window. */
  recentFailures: number;
  /** Addresses held right now, with how long until they may try again. */
  held: { address: string; failures: number; retryAfterS: number }[];
}

export class PinBrake {
  private addresses = new Map<string, Record>();
  private recent: number[] = [];
  private alarmed = false;

  constructor(
    private readonly clock: () => number,
    private readonly rules: BrakeRules = BRAKE_RULES,
    /** Told once when wrong PINs across addresses pass the global limit. */
    private readonly onAlarm: (recentFailures: number) => void = () => {},
  ) {}

  /** How many ms `address` must still wait before its next try (0: it may try now). */
  waitMs(address: string): number {
    const now = this.clock();
    const r = this.current(address, now);
    if (!r) return 0;
    return Math.max(0, r.lastAt + this.delayAfter(r.failures, now) - now);
  }

  failed(address: string): void {
    const now = this.clock();
    const r = this.current(address, now);
    this.addresses.delete(address); // re-inserted last: the Map stays ordered oldest first
    this.addresses.set(address, { failures: (r?.failures ?? 0) + 1, lastAt: now });
    if (this.addresses.size > MAX_ADDRESSES) this.addresses.delete(this.addresses.keys().next().value!);
    this.recent = [...this.window(now), now];
    if (this.alarm(now) && !this.alarmed) {
      this.alarmed = true;
      this.onAlarm(this.recent.length);
    }
  }

  /** The right PIN: this address starts again from zero. */
  succeeded(address: string): void {
    this.addresses.delete(address);
  }

  /** The admin's «clear the brake»: every address may try again at once, the alarm is off. */
  clear(): void {
    this.addresses.clear();
    this.recent = [];
    this.alarmed = false;
  }

  status(): BrakeStatus {
    const now = this.clock();
    const held = [...this.addresses.keys()]
      .map((address) => ({ address, ms: this.waitMs(address) }))
      .filter((h) => h.ms > 0)
      .map(({ address, ms }) => ({
        address,
        failures: this.addresses.get(address)!.failures,
        retryAfterS: Math.ceil(ms / 1000),
      }));
    return { alarm: this.alarm(now), recentFailures: this.window(now).length, held };
  }

  private delayAfter(failures: number, now: number): number {
    const free = this.alarm(now) ? 0 : this.rules.freeTries;
    if (failures <= free) return 0;
    return Math.min(this.rules.firstDelayMs * 2 ** (failures - free - 1), this.rules.maxDelayMs);
  }

  private current(address: string, now: number): Record | undefined {
    const r = this.addresses.get(address);
    if (r && now - r.lastAt >= this.rules.forgetMs) {
      this.addresses.delete(address);
      return undefined;
    }
    return r;
  }

  private window(now: number): number[] {
    return this.recent.filter((t) => now - t < this.rules.globalWindowMs);
  }

  private alarm(now: number): boolean {
    const on = this.window(now).length >= this.rules.globalLimit;
    if (!on) this.alarmed = false;
    return on;
  }
}
