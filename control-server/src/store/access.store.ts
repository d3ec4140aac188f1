import type { Role } from '@ceremony/shared';
import type { DevicesRepository } from './devices.repository.js';
import type { WriteStage } from './write-stage.js';

/** A device about to be stored: its token only as a hash. */
export interface NewDevice {
  id: string;
  tokenHash: string;
  role: Role;
  name: string;
  now: number;
}

/** The per-role cap a new device must fit under: devices of its role with a token used since `activeSince`. */
export interface DeviceCap {
  max: number;
  activeSince: number;
}

/** A PIN hash the hub stores at start-up; `overwrite: false` keeps one another hub stored first. */
export interface PinWrite {
  role: Role;
  hash: string;
  overwrite: boolean;
}

/** A pairing code as the store keeps it until it is used or expires. */
export interface NewPairingCode {
  codeHash: string;
  role: Role;
  name: string | null;
  now: number;
  expiresAt: number;
}

/**
 * Every change of who may get in (devices, pairing codes, PINs), on either engine. On one hub the
 * SQLite file is the record and each call is one local write; with hubs on one PostgreSQL the
 * change commits there first and the promise resolves only once this hub's copy holds it, so an
 * answer given after it (a token, «revoked») holds on every hub. Reads stay on the hub's copy
 * (DevicesRepository).
 */
export interface AccessStore {
  /** True when the record is another engine shared with other hubs (its failures are «unavailable»). */
  readonly shared: boolean;
  /**
   * Stores a device. With a cap, devices unused since `cap.activeSince` are forgotten first and the
   * device is refused (false) when its role already has `cap.max` working ones, on every hub together.
   */
  addDevice(device: NewDevice, cap: DeviceCap | null): Promise<boolean>;
  addPairingCode(code: NewPairingCode): Promise<void>;
  /**
   * Uses a pairing code, if unused and unexpired, and stores the device `make` builds for its role
   * under the cap. One conditional UPDATE decides, so a code signs in one device across every hub.
   * Null when the code is not usable; `added: false` when the cap refused the device. `stage`, here
   * and below: how far its transaction got, for an answer given early (write-stage.ts; shared only).
   */
  pair(
    codeHash: string,
    now: number,
    make: (role: Role, name: string | null) => NewDevice,
    cap: DeviceCap,
    stage?: WriteStage,
  ): Promise<{ device: NewDevice; added: boolean } | null>;
  /** Revokes one device; false when it is unknown or already revoked. */
  revoke(id: string, now: number, stage?: WriteStage): Promise<boolean>;
  /** Stores a role's new PIN and revokes every other device of that role, together; answers their ids. */
  changePin(role: Role, hash: string, now: number, except: string, stage?: WriteStage): Promise<string[]>;
  /** The start-up PINs (the constructor of AuthService decided them); on one hub already written. */
  settlePins(writes: PinWrite[]): Promise<void>;
  /** Forgets devices unused since `cutoff` (see DevicesRepository.forgetIdle). */
  forgetIdle(cutoff: number): Promise<void>;
  /** Notes that devices were used now (their tokens renew); best effort, never waited for. */
  touch(ids: string[], now: number): void;
  /** The PIN hashes as the record holds them now (another hub may have changed one). */
  pins(): Promise<Partial<Record<Role, string>>>;
  /**
   * When the record holds a working device with this token hash that this hub's copy may lack (made
   * on another hub a moment ago), brings the copy up to date and answers true. Always false alone.
   */
  catchUp(tokenHash: string): Promise<boolean>;
  /** Stops its timers; a `last seen` not yet written is dropped (the next use writes it again). */
  stop(): void;
}

export const pinKey = (role: Role) => `pin.${role}`;

/** One hub alone: the SQLite file is the record, every change one local write. */
export class LocalAccessStore implements AccessStore {
  readonly shared = false;

  constructor(private readonly devices: DevicesRepository) {}

  async addDevice(device: NewDevice, cap: DeviceCap | null): Promise<boolean> {
    if (cap) {
      this.devices.forgetIdle(cap.activeSince);
      if (this.devices.countActive(device.role, cap.activeSince) >= cap.max) return false;
    }
    this.devices.create(device);
    return true;
  }

  async addPairingCode(code: NewPairingCode): Promise<void> {
    this.devices.addPairingCode(code);
  }

  async pair(
    codeHash: string,
    now: number,
    make: (role: Role, name: string | null) => NewDevice,
    cap: DeviceCap,
  ): Promise<{ device: NewDevice; added: boolean } | null> {
    const used = this.devices.usePairingCode(codeHash, now);
    if (!used) return null;
    const device = make(used.role, used.name);
    const added = await this.addDevice(device, cap);
    if (added) this.devices.linkPairingCode(codeHash, device.id);
    return { device, added };
  }

  async revoke(id: string, now: number): Promise<boolean> {
    return this.devices.revoke(id, now);
  }

  async changePin(role: Role, hash: string, now: number, except: string): Promise<string[]> {
    this.devices.setSetting(pinKey(role), hash);
    return this.devices.revokeRole(role, now, except);
  }

  async settlePins(): Promise<void> {}

  async forgetIdle(cutoff: number): Promise<void> {
    this.devices.forgetIdle(cutoff);
  }

  touch(ids: string[], now: number): void {
    for (const id of ids) this.devices.touch(id, now);
  }

  async pins(): Promise<Partial<Record<Role, string>>> {
    return this.devices.pins();
  }

  async catchUp(): Promise<boolean> {
    return false;
  }

  stop(): void {}
}
