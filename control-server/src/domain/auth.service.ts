import crypto from 'node:crypto';
import { ROLES, failure, translate, type Answer, type PairingCode, type Role } from '@ceremony/shared';
import type { Device, DevicesRepository } from '../store/devices.repository.js';

const MAX_FAILURES = 10;
const WINDOW_MS = 5 * 60_000;
/** A pairing QR stays valid this long unless the admin asks otherwise. */
export const PAIRING_TTL_MINUTES = 15;
const PAIRING_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** A 6-digit PIN from a cryptographic source. */
function newPin(): string {
  return String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
}

/**
 * PINs per role (from the environment, or generated once and kept in the database), role tokens
 * per device, and a brake on PIN guessing.
 */
/**
 * A device signed in by PIN has no name yet: «Волонтёр 3d5b» is what a volunteer reads on an amber
 * "already admitted by …" card and what the admin sees in the device list, so it is in Russian.
 */
function defaultName(role: Role, deviceId: string): string {
  const word = translate('ru', `role.${role}`);
  return `${word.charAt(0).toUpperCase()}${word.slice(1)} ${deviceId.slice(0, 4)}`;
}

export class AuthService {
  readonly pins: Record<Role, string>;
  private failures = new Map<string, number[]>();

  constructor(
    private readonly devices: DevicesRepository,
    configured: Partial<Record<Role, string | undefined>>,
    private readonly clock: () => number,
    /** Told when a device is revoked, to drop its sockets at once. */
    private readonly onRevoke: (deviceId: string) => void = () => {},
  ) {
    const pins = {} as Record<Role, string>;
    for (const role of ROLES) {
      const stored = devices.setting(`pin.${role}`);
      const pin = configured[role] ?? stored ?? newPin();
      if (pin !== stored) devices.setSetting(`pin.${role}`, pin);
      pins[role] = pin;
    }
    const values = Object.values(pins);
    if (new Set(values).size !== values.length)
      throw new Error('Every role needs its own PIN: two are the same.');
    this.pins = pins;
  }

  /** Trades a PIN for a new device token. `client` identifies the caller for the guessing brake. */
  signIn(pin: string, client: string): Answer<{ token: string; role: Role; deviceId: string }> {
    const now = this.clock();
    if (this.braked(client, now))
      return failure('RATE_LIMITED', 'Слишком много неверных ПИН-кодов. Подождите несколько минут.');
    const role = ROLES.find((r) => safeEqual(this.pins[r], pin));
    if (!role) {
      this.failed(client, now);
      return failure('BAD_PIN', 'Неверный ПИН-код.');
    }
    return { ok: true, ...this.issue(role, now) };
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

  /** Trades a pairing code for a device token, once; wrong codes count against the guessing brake. */
  pair(code: string, client: string): Answer<{ token: string; role: Role; deviceId: string }> {
    const now = this.clock();
    if (this.braked(client, now))
      return failure('RATE_LIMITED', 'Слишком много неверных кодов. Подождите несколько минут.');
    const codeHash = hash(code.trim().toUpperCase());
    const used = this.devices.usePairingCode(codeHash, now);
    if (!used) {
      this.failed(client, now);
      return failure('UNAUTHORIZED', 'Код привязки недействителен: он уже использован или устарел.');
    }
    const issued = this.issue(used.role, now, used.name ?? undefined);
    this.devices.linkPairingCode(codeHash, issued.deviceId);
    return { ok: true, ...issued };
  }

  private recent(client: string, now: number): number[] {
    return (this.failures.get(client) ?? []).filter((t) => now - t < WINDOW_MS);
  }

  private braked(client: string, now: number): boolean {
    return this.recent(client, now).length >= MAX_FAILURES;
  }

  private failed(client: string, now: number): void {
    this.failures.set(client, [...this.recent(client, now), now]);
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

  /** The device a token belongs to, unless it is unknown or revoked. */
  verify(token: unknown): Device | null {
    if (typeof token !== 'string' || token.length === 0 || token.length > 200) return null;
    const device = this.devices.byTokenHash(hash(token));
    return device && device.revokedAt === null ? device : null;
  }

  /** Every device ever signed in, revoked ones too, oldest first. */
  listDevices(): Device[] {
    return this.devices.all();
  }

  revoke(deviceId: string): boolean {
    const done = this.devices.revoke(deviceId, this.clock());
    if (done) this.onRevoke(deviceId);
    return done;
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
