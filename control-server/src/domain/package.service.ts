import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import {
  PACKAGE_FORMAT,
  PACKAGE_VERSION,
  refusal,
  sizeParts,
  type Answer,
  type Failure,
  type Guest,
  type PackageCounts,
  type PackageManifest,
  type PackageReport,
  type PackageSizeAnswer,
  type Scenario,
  type ShowState,
  type Snapshot,
} from '@ceremony/shared';
import type { Db } from '../store/db.js';
import { GuestsRepository } from '../store/guests.repository.js';
import { PackageRepository } from '../store/package.repository.js';
import type { ShowService } from './show.service.js';
import {
  PackageRefusal,
  libraryFiles,
  readPackage,
  scenarioMediaNames,
  sha256Of,
  writePackage,
  type LibraryFile,
} from './package.format.js';
import { inBackground } from '../background.js';

export interface PackageDeps {
  show: ShowService;
  guests: GuestsRepository;
  repo: PackageRepository;
  dataDir: string;
  appVersion: string;
  clock: () => number;
}

/** Staging folders live inside DATA_DIR (same disk: moving media in is a rename) under a dot-name. */
const STAGING_PREFIX = '.package-';
/** A staged package nobody applied or discarded within this long is swept. */
export const STAGED_TTL_MS = 60 * 60_000;
/** Room left on the disk after an upload, for the database and the evening's logs. */
const DISK_MARGIN = 64 << 20;
const READY = 'report.json';

/** Sizes the way a Russian reader writes them: «1,2 ГБ». */
export function russianSize(bytes: number): string {
  const { value, unit, digits } = sizeParts(bytes);
  return `${value.toFixed(digits).replace('.', ',')} ${['байт', 'КБ', 'МБ', 'ГБ', 'ТБ'][unit]}`;
}

const countsOf = (scenario: Scenario, guests: number, media: { bytes: number }[]): PackageCounts => ({
  nominations: scenario.nominations.length,
  nominees: scenario.nominees.length,
  cues: scenario.cues.length,
  guests,
  media: media.length,
  bytes: media.reduce((sum, m) => sum + m.bytes, 0),
});

/** A package replaces the run of show: never under a running show. */
const whileRunning = (state: ShowState) =>
  state.status === 'running' ? refusal('CONFLICT', 'error.packageWhileRunning') : null;

/**
 * Office to hall: the whole ceremony (scenario, guest list, media library) as one package file,
 * exported as a stream, and imported in two steps (stage and check, then apply all or nothing) so a
 * GB package is uploaded once and the organiser sees what it replaces before anything changes.
 */
export class PackageService {
  private readonly mediaDir: string;
  /** Hashes of library files by name, size and modification time: a second export hashes nothing. */
  private readonly hashes = new Map<string, string>();
  private readonly uploading = new Set<string>();

  constructor(private readonly deps: PackageDeps) {
    this.mediaDir = path.join(deps.dataDir, 'media');
    // No upload survives a restart: whatever is staged from before is gone.
    this.sweep(0);
    // And later, whatever was staged and forgotten (unref: it never keeps the process alive).
    setInterval(
      inBackground('the sweep of forgotten uploads', () => this.sweep(STAGED_TTL_MS)),
      10 * 60_000,
    ).unref();
  }

  /** The download's size and what it holds, before it starts; `missingMedia` the hall would refuse. */
  size(): PackageSizeAnswer {
    const files = libraryFiles(this.mediaDir);
    const { scenario } = this.deps.show.snapshot();
    const guests = this.deps.guests.count();
    const counts = countsOf(scenario, guests, files);
    const have = new Set(files.map((f) => f.name));
    const missingMedia = [...scenarioMediaNames(scenario)].filter((n) => !have.has(n));
    // A tar entry is a 512-byte header and its body padded to 512; long names add a pax header.
    const entry = (n: number) => 1024 + Math.ceil(n / 512) * 512;
    const lists = [scenario, this.deps.guests.all()].map((v) =>
      Buffer.byteLength(JSON.stringify(v, null, 2)),
    );
    const bytes = [...lists, 4096, ...files.map((f) => f.bytes)].reduce((sum, n) => sum + entry(n), 1024);
    return { ok: true, counts, bytes, missingMedia };
  }

  private async hashOf(f: LibraryFile): Promise<string> {
    const key = `${f.name}\0${f.bytes}\0${f.mtimeMs}`;
    const known = this.hashes.get(key);
    if (known) return known;
    const hash = await sha256Of(f.file);
    this.hashes.set(key, hash);
    return hash;
  }

  /** Streams the package to `out` (the HTTP response or a file). */
  async exportTo(out: Writable): Promise<void> {
    const { scenario } = this.deps.show.snapshot();
    const guests = this.deps.guests.all();
    const files = libraryFiles(this.mediaDir);
    const media = [];
    for (const f of files) media.push({ name: f.name, bytes: f.bytes, sha256: await this.hashOf(f) });
    const manifest: PackageManifest = {
      format: PACKAGE_FORMAT,
      version: PACKAGE_VERSION,
      createdAt: this.deps.clock(),
      appVersion: this.deps.appVersion,
      title: scenario.ceremony.title,
      counts: countsOf(scenario, guests.length, files),
      media,
    };
    await writePackage(out, manifest, scenario, guests, files);
  }

  /** Free bytes on the data folder's disk. */
  private freeBytes(): number {
    const s = fs.statfsSync(this.deps.dataDir);
    return s.bavail * s.bsize;
  }

  /**
   * Receives a package into a staging folder and checks all of it; changes nothing else. `declared`
   * is the upload's Content-Length, checked against the free disk before a byte is written.
   */
  async stage(input: Readable, declared: number): Promise<PackageReport | Failure> {
    this.sweep(STAGED_TTL_MS);
    const free = this.freeBytes();
    if (declared + DISK_MARGIN > free) {
      input.resume();
      return refusal('PAYLOAD_TOO_LARGE', 'error.packageNoRoom', {
        size: russianSize(declared),
        free: russianSize(free),
      });
    }
    const packageId = crypto.randomBytes(8).toString('hex');
    const dir = this.dirOf(packageId);
    this.uploading.add(packageId);
    try {
      const read = await readPackage(input, dir);
      const report = this.reportOf(packageId, read);
      fs.writeFileSync(path.join(dir, 'scenario.json'), JSON.stringify(read.scenario));
      fs.writeFileSync(path.join(dir, 'guests.json'), JSON.stringify(read.guests));
      fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(read.manifest));
      // Written last: a folder without it is an upload that did not finish, never applied.
      fs.writeFileSync(path.join(dir, READY), JSON.stringify({ stagedAt: this.deps.clock(), report }));
      return report;
    } catch (err) {
      input.resume();
      fs.rmSync(dir, { recursive: true, force: true });
      if (err instanceof PackageRefusal) return refusal('INVALID_PAYLOAD', err.reason, err.params);
      throw err;
    } finally {
      this.uploading.delete(packageId);
    }
  }

  /** What the package holds and what the hall has now that it would replace. */
  private reportOf(
    packageId: string,
    read: { manifest: PackageManifest; scenario: Scenario; guests: Guest[] },
  ) {
    const current = this.deps.show.snapshot().scenario;
    const library = libraryFiles(this.mediaDir);
    const have = new Map(library.map((f) => [f.name, f]));
    let mediaReplaced = 0;
    let mediaAdded = 0;
    for (const m of read.manifest.media) {
      const here = have.get(m.name);
      if (!here) mediaAdded++;
      else if (here.bytes !== m.bytes || this.hashSync(here) !== m.sha256) mediaReplaced++;
    }
    const report: PackageReport = {
      ok: true,
      packageId,
      createdAt: read.manifest.createdAt,
      appVersion: read.manifest.appVersion,
      title: read.scenario.ceremony.title,
      counts: countsOf(read.scenario, read.guests.length, read.manifest.media),
      replaces: {
        ...countsOf(current, this.deps.guests.count(), library),
        title: current.ceremony.title,
        admissions: this.deps.repo.admissions(),
        mediaReplaced,
        mediaAdded,
      },
    };
    return report;
  }

  /** Same-size files only, to tell "same file" from "replaced": a read of one file, once. */
  private hashSync(f: LibraryFile): string {
    const key = `${f.name}\0${f.bytes}\0${f.mtimeMs}`;
    const known = this.hashes.get(key);
    if (known) return known;
    const hash = crypto.createHash('sha256');
    const fd = fs.openSync(f.file, 'r');
    try {
      const buf = Buffer.alloc(1 << 20);
      let n: number;
      while ((n = fs.readSync(fd, buf, 0, buf.length, null)) > 0) hash.update(buf.subarray(0, n));
    } finally {
      fs.closeSync(fd);
    }
    const digest = hash.digest('hex');
    this.hashes.set(key, digest);
    return digest;
  }

  private dirOf(packageId: string): string {
    return path.join(this.deps.dataDir, `${STAGING_PREFIX}${packageId}`);
  }

  /** The media files of a staged package, where they wait (null: no such package ready). */
  stagedMedia(packageId: string): { name: string; file: string; sha256: string }[] | null {
    const dir = this.dirOf(packageId);
    if (!fs.existsSync(path.join(dir, READY))) return null;
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as PackageManifest;
    return manifest.media.map((m) => ({
      name: m.name,
      file: path.join(dir, 'media', m.name),
      sha256: m.sha256,
    }));
  }

  /**
   * Why the package cannot be applied now, judged on this hub's view of the show (the apply judges
   * again on the stored state): asked first, so that with other hubs nothing goes into the shared
   * media library for an apply that would be refused.
   */
  refusalToApply(packageId: string): Failure | null {
    if (!fs.existsSync(path.join(this.dirOf(packageId), READY)))
      return refusal('NOT_FOUND', 'error.packageGone');
    return whileRunning(this.deps.show.current());
  }

  /**
   * Puts a staged package in place, all or nothing: media files are moved in (a same-name file with
   * other bytes is replaced, set aside until the database commits, and put back if it does not),
   * then the guest list and the scenario in one transaction. Refused while the show runs.
   */
  async apply(packageId: string): Promise<Answer<{ counts: PackageCounts; snapshot: Snapshot }>> {
    const refused = this.refusalToApply(packageId);
    if (refused) return refused;
    const dir = this.dirOf(packageId);
    const read = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
    const manifest = read('manifest.json') as PackageManifest;
    const scenario = read('scenario.json') as Scenario;
    const guests = read('guests.json') as Guest[];

    const aside = path.join(dir, 'replaced');
    fs.mkdirSync(aside, { recursive: true });
    const undo: (() => void)[] = [];
    const library = new Map(libraryFiles(this.mediaDir).map((f) => [f.name, f]));
    try {
      for (const m of manifest.media) {
        const staged = path.join(dir, 'media', m.name);
        const target = path.join(this.mediaDir, m.name);
        if (fs.existsSync(target)) {
          const here = library.get(m.name);
          if (here && here.bytes === m.bytes && this.hashSync(here) === m.sha256) continue;
          const saved = path.join(aside, m.name);
          fs.renameSync(target, saved);
          undo.push(() => fs.renameSync(saved, target));
        }
        fs.renameSync(staged, target);
        undo.push(() => fs.renameSync(target, staged));
      }
      // The guest list becomes exactly the package's. A package moves a prepared evening, so the hall
      // starts with no arrivals: they would point at guests who may no longer exist, and the report
      // would count a rehearsal's scans as the evening's.
      const applied = await this.deps.show.replaceScenario(
        scenario,
        { clear: ['arrivals', 'guests'], guests },
        whileRunning,
      );
      if (!applied.ok) {
        for (const step of undo.reverse()) step();
        return applied;
      }
      fs.rmSync(dir, { recursive: true, force: true });
      return {
        ok: true,
        counts: countsOf(scenario, guests.length, manifest.media),
        snapshot: applied.snapshot,
      };
    } catch (err) {
      for (const step of undo.reverse()) step();
      throw err;
    }
  }

  /** Drops a staged package without applying it. */
  discard(packageId: string): Answer {
    const dir = this.dirOf(packageId);
    if (!fs.existsSync(dir) || this.uploading.has(packageId))
      return refusal('NOT_FOUND', 'error.packageNotFound');
    fs.rmSync(dir, { recursive: true, force: true });
    return { ok: true };
  }

  /** Removes staging folders older than `maxAgeMs` (all of them with 0), except uploads under way. */
  sweep(maxAgeMs: number): void {
    const now = Date.now();
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(this.deps.dataDir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (!e.isDirectory() || !e.name.startsWith(STAGING_PREFIX)) continue;
      if (this.uploading.has(e.name.slice(STAGING_PREFIX.length))) continue;
      const dir = path.join(this.deps.dataDir, e.name);
      const age = now - fs.statSync(dir).mtimeMs;
      if (age >= maxAgeMs) fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** The service over a database and its data folder: the server's, or the CLI's own when no server runs. */
export function packageService(
  db: Db,
  show: ShowService,
  dataDir: string,
  appVersion: string,
  clock: () => number = Date.now,
): PackageService {
  const guests = new GuestsRepository(db);
  return new PackageService({
    show,
    guests,
    repo: new PackageRepository(db),
    dataDir,
    appVersion,
    clock,
  });
}
