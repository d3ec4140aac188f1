import crypto from 'node:crypto';
import {
  ROLES,
  refusal,
  translate,
  type Answer,
  type Failure,
  type PairingCode,
  type Role,
} from '@ceremony/shared';
import type { Device, DevicesRepository } from '../store/devices.repository.js';
import { PinBrake, type BrakeStatus } from './pin.brake.js';
import { hashPin, isPinHash, matchingPin, newSalt, pinMatchesSync, saltOf } from './pin.hash.js';

/** A pairing QR stays valid this long unless the admin asks otherwise. */
export const PAIRING_TTL_MINUTES = 15;
const PAIRING_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Tokens and pairing codes are 256 and 60 random bits: a plain hash keeps them out of the file. */
export const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
const hash = tokenHash;

/** A 6-digit PIN from a cryptographic source. */
function newPin(): string {
  return String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
}

/**
 * A device signed in by PIN has no name yet: «Волонтёр 3d5b» is what a volunteer reads on an amber
 * "already admitted by …" card and what the admin sees in the device list, so it is in Russian.
 */
function defaultName(role: Role, deviceId: string): string {
  const word = translate('ru', `role.${role}`);
  return `${word.charAt(0).toUpperCase()}${word.slice(1)} ${deviceId.slice(0, 4)}`;
}

export interface AuthOptions {
  /** A token unused this long stops working; every use renews it. */
  tokenTtlMs: number;
  /** Devices of one role with a working token; one more sign-in is refused until one is revoked. */
  maxDevicesPerRole: number;
  /** Told once when wrong PINs across many addresses pass the global limit. */
  onBrakeAlarm?: (recentFailures: number) => void;
}

export const AUTH_DEFAULTS: AuthOptions = { tokenTtlMs: 36 * 3_600_000, maxDevicesPerRole: 100 };

type Issued = { token: string; role: Role; deviceId: string };
/** A refusal of the brake carries how long to wait (the HTTP layer sends it as `Retry-After`). */
export type SignInAnswer = Answer<Issued> | (Failure & { retryAfterS: number });

/** Sign-in attempts from one address waiting their turn; more are refused at once. */
const MAX_QUEUED = 16;

/**
 * PINs per role (from the environment, or generated once; kept only as hashes), role tokens per
 * device with a lifetime renewed by use, a cap of devices per role, and a brake on PIN guessing.
 */
export class AuthService {
  /** PINs made at this start (nothing was stored for the role): the banner prints these once. */
  readonly freshPins: Partial<Record<Role, string>> = {};
  /** Roles whose PIN comes from the environment (ADMIN_PIN …): it wins over the stored one. */
  readonly pinFromEnv = new Set<Role>();
  private hashes = {} as Record<Role, string>;
  private salt: string | undefined;
  private readonly brake: PinBrake;
  private queues = new Map<string, { tail: Promise<unknown>; waiting: number }>();
  private readonly options: AuthOptions;

  constructor(
    private readonly devices: DevicesRepository,
    configured: Partial<Record<Role, string | undefined>>,
    private readonly clock: () => number,
    /** Told when a device is revoked, to drop its sockets at once. */
    private readonly onRevoke: (deviceId: string) => void = () => {},
    options: Partial<AuthOptions> = {},
  ) {
    this.options = { ...AUTH_DEFAULTS, ...options };
    this.brake = new PinBrake(clock, undefined, this.options.onBrakeAlarm);
    const known = Object.values(configured).filter((p): p is string => !!p);
    if (new Set(known).size !== known.length)
      throw new Error('Every role needs its own PIN: two are the same.');
    this.salt = ROLES.map((r) => devices.setting(`pin.${r}`))
      .map((v) => (v && isPinHash(v) ? saltOf(v) : null))
      .find((x) => x !== null);
    for (const role of ROLES) {
      const stored = devices.setting(`pin.${role}`);
      const fromEnv = configured[role];
      if (fromEnv) {
        this.pinFromEnv.add(role);
        // Re-hashed only when it changed: a new salt on every start would be a write for nothing.
        if (stored && isPinHash(stored) && pinMatchesSync(fromEnv, stored)) this.hashes[role] = stored;
        else this.storePin(role, fromEnv);
      } else if (stored && !isPinHash(stored)) {
        // A data folder from before PINs were hashed: the same PIN, no longer readable in the file.
        this.storePin(role, stored);
      } else if (stored) {
        this.hashes[role] = stored;
      }
    }
    for (const role of ROLES) {
      if (this.hashes[role]) continue;
      const pin = this.newUniquePin(role);
      this.storePin(role, pin);
      this.freshPins[role] = pin;
    }
  }

  /** Trades a PIN for a new device token. `client` is the caller's address, for the guessing brake. */
  signIn(pin: string, client: string): Promise<SignInAnswer> {
    // One attempt per address at a time: parallel guesses would all pass the brake before any failed.
    const queue = this.queues.get(client) ?? { tail: Promise.resolve(), waiting: 0 };
    if (queue.waiting >= MAX_QUEUED) return Promise.resolve(this.held(client, 1000));
    queue.waiting++;
    const attempt = queue.tail.then(() => this.tryPin(pin, client));
    queue.tail = attempt
      .catch(() => {})
      .finally(() => {
        if (--queue.waiting === 0) this.queues.delete(client);
      });
    this.queues.set(client, queue);
    return attempt;
  }

  private async tryPin(pin: string, client: string): Promise<SignInAnswer> {
    const wait = this.brake.waitMs(client);
    if (wait > 0) return this.held(client, wait);
    const role =
      ROLES[
        await matchingPin(
          pin,
          ROLES.map((r) => this.hashes[r]),
        )
      ];
    if (!role) {
      this.brake.failed(client);
      return refusal('BAD_PIN', 'error.badPin');
    }
    this.brake.succeeded(client);
    return this.issueCapped(role);
  }

  private held(client: string, waitMs: number): SignInAnswer {
    const retryAfterS = Math.max(1, Math.ceil(waitMs / 1000));
    return {
      ...refusal('RATE_LIMITED', 'error.pinBrake', { retryAfterS }),
      retryAfterS,
    };
  }

  /** The brake as the admin sees it: alarm, recent wrong PINs, addresses held. */
  brakeStatus(): BrakeStatus {
    return this.brake.status();
  }

  /** The admin's «clear the brake». */
  clearBrake(): void {
    this.brake.clear();
  }

  /**
   * A new PIN for one role, answered once (only its hash is kept). Every device of that role is
   * signed out: whoever learnt the old PIN loses what it gave them. `keep` spares the admin's own
   * device when the admin changes the admin PIN from the console.
   */
  resetPin(role: Role, keep?: string): string {
    const pin = this.newUniquePin(role);
    this.storePin(role, pin);
    const now = this.clock();
    for (const id of this.devices.revokeRole(role, now, keep)) this.onRevoke(id);
    return pin;
  }

  private storePin(role: Role, pin: string): void {
    // The salt the other roles use, so one scrypt checks a PIN against all four (see pin.hash.ts).
    this.salt ??=
      Object.values(this.hashes)
        .map(saltOf)
        .find((x) => x !== null) ?? newSalt();
    this.hashes[role] = hashPin(pin, this.salt);
    this.devices.setSetting(`pin.${role}`, this.hashes[role]);
  }

  /** A PIN no other role has: checked against their hashes, as their PINs are not kept. */
  private newUniquePin(role: Role): string {
    for (;;) {
      const pin = newPin();
      const clash = ROLES.some((r) => r !== role && this.hashes[r] && pinMatchesSync(pin, this.hashes[r]));
      if (!clash) return pin;
    }
  }

  /** A one-time code that signs one device in as `role` (the admin shows it as a QR code). */
  createPairingCode(role: Role, name?: string, ttlMinutes = PAIRING_TTL_MINUTES): PairingCode {
    const now = this.clock();
    const bytes = crypto.randomBytes(12);
    const code = Array.from(bytes, (b) => PAIRING_ALPHABET[b & 31]).join('');
    const expiresAt = now + ttlMinutes * 60_000;
    this.devices.addPairingCode({ codeHash: hash(code), role, name: name ?? null, now, expiresAt });
    return { code, role, name: name ?? null, expiresAt };
  }

  /** Trades a pairing code for a device token, once. */
  pair(code: string): Answer<Issued> {
    const now = this.clock();
    const codeHash = hash(code.trim().toUpperCase());
    const used = this.devices.usePairingCode(codeHash, now);
    if (!used) {
      // Not counted against the PIN brake: 60 random bits are not guessed, and a phone rescanning an
      // old QR must not lock the venue's shared address out of PIN sign-in.
      return refusal('UNAUTHORIZED', 'error.pairingCodeInvalid');
    }
    const issued = this.issueCapped(used.role, used.name ?? undefined);
    if (issued.ok) this.devices.linkPairingCode(codeHash, issued.deviceId);
    return issued;
  }

  /** Issues a token for a role directly (device pairing, tests). */
  issue(role: Role, now = this.clock(), name?: string): { token: string; role: Role; deviceId: string } {
    const token = crypto.randomBytes(32).toString('base64url');
    const deviceId = crypto.randomUUID();
    this.devices.create({
      id: deviceId,
      tokenHash: hash(token),
      role,
      name: name ?? defaultName(role, deviceId),
      now,
    });
    return { token, role, deviceId };
  }

  /** A new device of the role unless the role already has its cap of working devices. */
  private issueCapped(role: Role, name?: string): Answer<Issued> {
    const now = this.clock();
    this.devices.forgetIdle(now - this.options.tokenTtlMs);
    if (this.devices.countActive(role, now - this.options.tokenTtlMs) >= this.options.maxDevicesPerRole)
      return refusal('CONFLICT', 'error.roleDeviceCap', { n: this.options.maxDevicesPerRole });
    return { ok: true, ...this.issue(role, now, name) };
  }

  /** The device a token belongs to, unless it is unknown, revoked or unused for the token lifetime. */
  verify(token: unknown): Device | null {
    if (typeof token !== 'string' || token.length === 0 || token.length > 200) return null;
    const device = this.devices.byTokenHash(hash(token));
    if (!device || device.revokedAt !== null) return null;
    return this.expired(device) ? null : device;
  }

  /** True when a device's token ran out: it was not used for the token lifetime. */
  expired(device: Device): boolean {
    return (device.lastSeenAt ?? device.createdAt) + this.options.tokenTtlMs <= this.clock();
  }

  /** Every device still remembered (revoked ones too; long-unused ones are forgotten), oldest first. */
  listDevices(): Device[] {
    this.devices.forgetIdle(this.clock() - this.options.tokenTtlMs);
    return this.devices.all();
  }

  revoke(deviceId: string): boolean {
    const done = this.devices.revoke(deviceId, this.clock());
    if (done) this.onRevoke(deviceId);
    return done;
  }
}
