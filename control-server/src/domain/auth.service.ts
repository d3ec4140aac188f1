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
import {
  pinKey,
  type AccessStore,
  type DeviceCap,
  type NewDevice,
  type PinWrite,
} from '../store/access.store.js';
import type { Device, DevicesRepository } from '../store/devices.repository.js';
import { StoreUnavailableError, recorded } from '../store/unavailable.js';
import type { WriteStage } from '../store/write-stage.js';
import { AccessStandby, type AccessStandbyDeps } from './access.standby.js';
import { PinBrake, type BrakeLedger, type BrakeStatus } from './pin.brake.js';
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

export interface AuthDeps {
  /** This hub's copy of devices, pairing codes and PINs: every read and token check. */
  devices: DevicesRepository;
  /** Where a change is recorded: the same SQLite alone, PostgreSQL when hubs share one. */
  store: AccessStore;
  /** Where the PIN brake counts (in this process when absent). */
  brakeLedger?: BrakeLedger;
  /** PINs from the environment (ADMIN_PIN …); unset ones are kept or made. */
  pins: Partial<Record<Role, string | undefined>>;
  clock: () => number;
  /** Told when a device is revoked, to drop its sockets at once. */
  onRevoke?: (deviceId: string) => void;
  /** With hubs on one PostgreSQL: answers while the backup laptop is off (access.standby.ts). */
  standby?: AccessStandbyDeps;
  options?: Partial<AuthOptions>;
}

/**
 * PINs per role (from the environment, or generated once; kept only as hashes), role tokens per
 * device with a lifetime renewed by use, a cap of devices per role, and a brake on PIN guessing.
 * With hubs on one PostgreSQL every change is recorded there before it is answered (AccessStore),
 * and a failure of that store is thrown as StoreUnavailableError: the caller refuses, never a false ok.
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
  private readonly devices: DevicesRepository;
  private readonly store: AccessStore;
  private readonly clock: () => number;
  private readonly onRevoke: (deviceId: string) => void;
  private readonly standby: AccessStandby;
  /** What this start stored in the hub's file, still to be settled with the other hubs (settlePins). */
  private startupPins: PinWrite[] = [];

  constructor(deps: AuthDeps) {
    const { devices, pins: configured } = deps;
    this.devices = devices;
    this.store = deps.store;
    this.clock = deps.clock;
    this.onRevoke = deps.onRevoke ?? (() => {});
    this.standby = new AccessStandby(deps.standby);
    this.options = { ...AUTH_DEFAULTS, ...deps.options };
    this.brake = new PinBrake(this.clock, undefined, this.options.onBrakeAlarm, deps.brakeLedger);
    const known = Object.values(configured).filter((p): p is string => !!p);
    if (new Set(known).size !== known.length)
      throw new Error('Every role needs its own PIN: two are the same.');
    const stored = devices.pins();
    this.salt = ROLES.map((r) => stored[r])
      .map((v) => (v && isPinHash(v) ? saltOf(v) : null))
      .find((x) => x !== null);
    for (const role of ROLES) {
      const kept = stored[role];
      const fromEnv = configured[role];
      if (fromEnv) {
        this.pinFromEnv.add(role);
        // Re-hashed only when it changed: a new salt on every start would be a write for nothing.
        if (kept && isPinHash(kept) && pinMatchesSync(fromEnv, kept)) this.hashes[role] = kept;
        else this.storePin(role, fromEnv, true);
      } else if (kept && !isPinHash(kept)) {
        // A data folder from before PINs were hashed: the same PIN, no longer readable in the file.
        this.storePin(role, kept, true);
      } else if (kept) {
        this.hashes[role] = kept;
      }
    }
    for (const role of ROLES) {
      if (this.hashes[role]) continue;
      const pin = this.newUniquePin(role);
      this.storePin(role, pin, false);
      this.freshPins[role] = pin;
    }
  }

  /**
   * Records the PINs this start stored (already in the file on one hub). With other hubs, a PIN from
   * the environment wins, while a made one is kept only if no hub stored the role's PIN first: a
   * PIN this hub did not make is then not printed (it is the other hub's to print).
   */
  async settlePins(): Promise<void> {
    const writes = this.startupPins;
    this.startupPins = [];
    // Nothing stored at this start: the copy joinEvening took already holds the record's PINs.
    if (!this.store.shared || writes.length === 0) return;
    await recorded(true, this.store.settlePins(writes));
    const stored = this.devices.pins();
    this.adoptPins(stored);
    for (const w of writes) if (!w.overwrite && stored[w.role] !== w.hash) delete this.freshPins[w.role];
  }

  /** Takes the PINs of this hub's copy (another hub changed one; it was just copied in). */
  reloadPins(): void {
    this.adoptPins(this.devices.pins());
  }

  private adoptPins(stored: Partial<Record<Role, string>>): void {
    for (const role of ROLES) {
      const hash = stored[role];
      if (hash && isPinHash(hash)) this.hashes[role] = hash;
    }
  }

  /** Trades a PIN for a new device token. `client` is the caller's address, for the guessing brake. */
  signIn(pin: string, client: string): Promise<SignInAnswer> {
    // One attempt per address at a time: parallel guesses would all pass the brake before any failed.
    const queue = this.queues.get(client) ?? { tail: Promise.resolve(), waiting: 0 };
    if (queue.waiting >= MAX_QUEUED) return Promise.resolve(this.held(1000));
    queue.waiting++;
    const attempt = () => {
      const work = queue.tail.then(() => recorded(this.store.shared, this.tryPin(pin, client)));
      // The next attempt from this address waits for this one's writes, not for its early answer.
      queue.tail = work
        .catch(() => {})
        .finally(() => {
          if (--queue.waiting === 0) this.queues.delete(client);
        });
      return work;
    };
    this.queues.set(client, queue);
    return this.standby.refused(attempt, () => 'error.store.signInWaiting');
  }

  private async tryPin(pin: string, client: string): Promise<SignInAnswer> {
    const wait = await this.brake.waitMs(client);
    if (wait > 0) return this.held(wait);
    // The PINs as stored now: one changed on another hub a moment ago must already be refused here.
    this.adoptPins(await this.store.pins());
    const role =
      ROLES[
        await matchingPin(
          pin,
          ROLES.map((r) => this.hashes[r]),
        )
      ];
    if (!role) {
      await this.brake.failed(client);
      return refusal('BAD_PIN', 'error.badPin');
    }
    await this.brake.succeeded(client);
    return this.issueCapped(role);
  }

  private held(waitMs: number): SignInAnswer {
    const retryAfterS = Math.max(1, Math.ceil(waitMs / 1000));
    return {
      ...refusal('RATE_LIMITED', 'error.pinBrake', { retryAfterS }),
      retryAfterS,
    };
  }

  /** The brake as the admin sees it: alarm, recent wrong PINs, addresses held. */
  brakeStatus(): Promise<BrakeStatus> {
    return recorded(this.store.shared, this.brake.status());
  }

  /** The admin's «clear the brake». */
  clearBrake(): Promise<void> {
    return recorded(this.store.shared, this.brake.clear());
  }

  /**
   * A new PIN for one role, answered once (only its hash is kept). Every device of that role is
   * signed out: whoever learnt the old PIN loses what it gave them. `keep` spares the admin's own
   * device when the admin changes the admin PIN from the console.
   */
  async resetPin(role: Role, keep?: string): Promise<{ pin: string; waiting: boolean }> {
    this.adoptPins(await recorded(this.store.shared, this.store.pins()));
    const pin = this.newUniquePin(role);
    const hash = this.hashOf(pin);
    const changed = (stage?: WriteStage) =>
      recorded(this.store.shared, this.store.changePin(role, hash, this.clock(), keep ?? '', stage)).then(
        (revoked) => {
          this.hashes[role] = hash;
          for (const id of revoked) this.onRevoke(id);
        },
      );
    // With the backup laptop off the change waits for it and lands with `standby.sh solo` whatever
    // the admin is told, signing out the role's devices: refused, nobody would know the PIN they
    // need. So the PIN is shown, with the words that it takes effect once the change lands (the old
    // one works until then); this hub copies it in on its own NOTIFY (gaveUpOn).
    return { pin, waiting: await this.standby.waiting(changed) };
  }

  /** Stores a PIN in this hub's file now, and notes it for settlePins. */
  private storePin(role: Role, pin: string, overwrite: boolean): void {
    this.hashes[role] = this.hashOf(pin);
    this.devices.setSetting(pinKey(role), this.hashes[role]);
    this.startupPins.push({ role, hash: this.hashes[role], overwrite });
  }

  private hashOf(pin: string): string {
    // The salt the other roles use, so one scrypt checks a PIN against all four (see pin.hash.ts).
    this.salt ??=
      Object.values(this.hashes)
        .map(saltOf)
        .find((x) => x !== null) ?? newSalt();
    return hashPin(pin, this.salt);
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
  async createPairingCode(role: Role, name?: string, ttlMinutes = PAIRING_TTL_MINUTES): Promise<PairingCode> {
    const now = this.clock();
    const bytes = crypto.randomBytes(12);
    const code = Array.from(bytes, (b) => PAIRING_ALPHABET[b & 31]).join('');
    const expiresAt = now + ttlMinutes * 60_000;
    // Refused with the backup laptop off, the code would still land with `solo`, unseen: shown at
    // once instead, with the words that it works once the standby answers (`waiting`).
    const waiting = await this.standby.waiting(() =>
      recorded(
        this.store.shared,
        this.store.addPairingCode({ codeHash: hash(code), role, name: name ?? null, now, expiresAt }),
      ),
    );
    return { code, role, name: name ?? null, expiresAt, ...(waiting ? { waiting } : {}) };
  }

  /** Trades a pairing code for a device token, once (on every hub together). */
  pair(code: string): Promise<Answer<Issued>> {
    // Stopped before it landed, the code still works: the words for a PIN then fit it too.
    return this.standby.refused(
      (stage) => this.pairNow(code, stage),
      (early) =>
        early === 'error.store.standbyWaiting' ? 'error.store.pairingWaiting' : 'error.store.signInWaiting',
    );
  }

  private async pairNow(code: string, stage?: WriteStage): Promise<Answer<Issued>> {
    const now = this.clock();
    let token = '';
    const paired = await recorded(
      this.store.shared,
      this.store.pair(
        hash(code.trim().toUpperCase()),
        now,
        (role, name) => {
          const made = this.newDevice(role, now, name ?? undefined);
          token = made.token;
          return made.device;
        },
        this.cap(now),
        stage,
      ),
    );
    if (!paired) {
      // Not counted against the PIN brake: 60 random bits are not guessed, and a phone rescanning an
      // old QR must not lock the venue's shared address out of PIN sign-in.
      return refusal('UNAUTHORIZED', 'error.pairingCodeInvalid');
    }
    if (!paired.added) return this.capRefusal();
    return { ok: true, token, role: paired.device.role, deviceId: paired.device.id };
  }

  /**
   * Issues a token for a role at once, into this hub's file: one hub alone (tests, tools). With hubs
   * on one PostgreSQL the token would work on this hub only, so it refuses: use grant().
   */
  issue(role: Role, now = this.clock(), name?: string): Issued {
    if (this.store.shared) throw new Error('hubs share a store: a token must be recorded there (grant)');
    const { token, device } = this.newDevice(role, now, name);
    this.devices.create(device);
    return { token, role, deviceId: device.id };
  }

  /** Issues a token for a role, answered once the record holds it (every hub accepts it then). */
  async grant(role: Role, name?: string): Promise<Issued> {
    const { token, device } = this.newDevice(role, this.clock(), name);
    await recorded(this.store.shared, this.store.addDevice(device, null));
    return { token, role, deviceId: device.id };
  }

  private newDevice(role: Role, now: number, name?: string): { token: string; device: NewDevice } {
    const token = crypto.randomBytes(32).toString('base64url');
    const id = crypto.randomUUID();
    return {
      token,
      device: { id, tokenHash: hash(token), role, name: name ?? defaultName(role, id), now },
    };
  }

  private cap(now: number): DeviceCap {
    return { max: this.options.maxDevicesPerRole, activeSince: now - this.options.tokenTtlMs };
  }

  private capRefusal(): Failure {
    return refusal('CONFLICT', 'error.roleDeviceCap', { n: this.options.maxDevicesPerRole });
  }

  /** A new device of the role unless the role already has its cap of working devices. */
  private async issueCapped(role: Role): Promise<Answer<Issued>> {
    const now = this.clock();
    const { token, device } = this.newDevice(role, now);
    if (!(await this.store.addDevice(device, this.cap(now)))) return this.capRefusal();
    return { ok: true, token, role, deviceId: device.id };
  }

  /** The device a token belongs to, unless it is unknown, revoked or unused for the token lifetime. */
  verify(token: unknown): Device | null {
    if (!wellFormed(token)) return null;
    const device = this.devices.byTokenHash(hash(token));
    if (!device || device.revokedAt !== null) return null;
    return this.expired(device) ? null : device;
  }

  /**
   * verify(), and with other hubs also a token this hub's copy does not hold yet (made on another
   * hub a moment ago, before its change was copied here): the record is asked once before refusing.
   * A token revoked in this hub's copy is refused without asking: a revocation is for good.
   */
  async check(token: unknown): Promise<Device | null> {
    const device = this.verify(token);
    if (device || !this.store.shared || !wellFormed(token)) return device;
    const tokenHash = hash(token);
    const copy = this.devices.byTokenHash(tokenHash);
    if (copy && copy.revokedAt !== null) return null;
    if (!(await recorded(true, this.store.catchUp(tokenHash)))) return null;
    return this.verify(token);
  }

  /** Whether a device may still be connected: known and not revoked (its open socket renews it). */
  admits(deviceId: string): boolean {
    const device = this.devices.byId(deviceId);
    return device !== null && device.revokedAt === null;
  }

  /** True when a device's token ran out: it was not used for the token lifetime. */
  expired(device: Device): boolean {
    return (device.lastSeenAt ?? device.createdAt) + this.options.tokenTtlMs <= this.clock();
  }

  /** Every device still remembered (revoked ones too; long-unused ones are forgotten), oldest first. */
  async listDevices(): Promise<Device[]> {
    await recorded(this.store.shared, this.store.forgetIdle(this.clock() - this.options.tokenTtlMs));
    return this.devices.all();
  }

  /**
   * Revokes a device on every hub; false when it is unknown or already revoked. With the backup
   * laptop off the revocation waits for it: the admin is told so within 2.5 s, in the words that it
   * is carried out once the standby answers or `standby.sh solo` runs; the device is signed out then.
   */
  async revoke(deviceId: string): Promise<boolean> {
    const revoke = (stage?: WriteStage) =>
      recorded(this.store.shared, this.store.revoke(deviceId, this.clock(), stage)).then((done) => {
        if (done) this.onRevoke(deviceId);
        return done;
      });
    return this.standby.answer(revoke, (reason) => {
      throw new StoreUnavailableError(`revoking a device: answered early (${reason})`, reason);
    });
  }
}

const wellFormed = (token: unknown): token is string =>
  typeof token === 'string' && token.length > 0 && token.length <= 200;
