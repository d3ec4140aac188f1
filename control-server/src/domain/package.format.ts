import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable, Writable } from 'node:stream';
import tar from 'tar-stream';
import { z } from 'zod';
import {
  GuestSchema,
  PACKAGE_FORMAT,
  PACKAGE_VERSION,
  PackageManifestSchema,
  mediaNameOf,
  mediaNameProblem,
  translate,
  type ErrorParams,
  type Key,
  type Guest,
  type PackageManifest,
  type Scenario,
} from '@ceremony/shared';
import { parseCeremony } from './ceremony.transfer.js';

/**
 * The ceremony package: one tar file that carries a prepared evening from the office to the hall.
 * Entries in order: manifest.json, scenario.json, guests.json, then media/<name> per library file.
 * Both directions stream: a package of a few GB never sits in memory.
 */

/** A library file as the package carries it. */
export interface LibraryFile {
  name: string;
  bytes: number;
  file: string;
  mtimeMs: number;
}

/** Every file of the media library; dot-names are the library's own internals (previews, uploads). */
export function libraryFiles(mediaDir: string): LibraryFile[] {
  if (!fs.existsSync(mediaDir)) return [];
  return fs
    .readdirSync(mediaDir, { withFileTypes: true })
    .filter((e) => e.isFile() && mediaNameProblem(e.name) === null)
    .map((e) => {
      const file = path.join(mediaDir, e.name);
      const stat = fs.statSync(file);
      return { name: e.name, bytes: stat.size, file, mtimeMs: stat.mtimeMs };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function sha256Of(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

/** Every library file the scenario refers to (photos, clips, subtitles, the logo), wherever it sits. */
export function scenarioMediaNames(scenario: Scenario): Set<string> {
  const names = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      const name = mediaNameOf(v);
      if (name) names.add(name);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(scenario);
  return names;
}

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);

/**
 * Writes the package to `out`. The manifest goes first with every file's hash, so the caller hashes
 * the library in a pass before the download starts (cheap next to copying it): the hall then checks
 * each file as it arrives and refuses a bad one before the rest of a GB upload lands.
 */
export async function writePackage(
  out: Writable,
  manifest: PackageManifest,
  scenario: Scenario,
  guests: readonly Guest[],
  files: readonly LibraryFile[],
): Promise<void> {
  const pack = tar.pack();
  const done = pipeline(pack, out);
  const add = (name: string, body: Buffer) =>
    new Promise<void>((resolve, reject) =>
      pack.entry({ name, mtime: new Date(manifest.createdAt) }, body, (e) => (e ? reject(e) : resolve())),
    );
  try {
    await add('manifest.json', json(manifest));
    await add('scenario.json', json(scenario));
    await add('guests.json', json(guests));
    for (const f of files) {
      await new Promise<void>((resolve, reject) => {
        const entry = pack.entry(
          { name: `media/${f.name}`, size: f.bytes, mtime: new Date(f.mtimeMs) },
          (e) => (e ? reject(e) : resolve()),
        );
        // A file changed since the manifest was made ends the tar with "size mismatch": a broken
        // download the hall refuses, never a package whose manifest lies.
        pipeline(fs.createReadStream(f.file), entry).catch(reject);
      });
    }
    pack.finalize();
  } catch (err) {
    pack.destroy(err as Error);
  }
  await done;
}

/** Why a package is refused, as dictionary words: the organiser reads them in the device's language. */
export class PackageRefusal extends Error {
  constructor(
    readonly reason: Key,
    readonly params?: ErrorParams,
  ) {
    super(translate('ru', reason, params));
  }
}

const MANIFEST_MAX = 2 << 20;
const SCENARIO_MAX = 8 << 20;
const GUESTS_MAX = 64 << 20;

const GuestListSchema = z.array(GuestSchema).max(50_000);

/** What a staged package holds once read and checked. */
export interface ReadPackage {
  manifest: PackageManifest;
  scenario: Scenario;
  guests: Guest[];
}

async function readJson(stream: Readable, size: number, max: number, what: string): Promise<unknown> {
  if (size > max) throw new PackageRefusal('error.package.partTooLarge', { file: what, size });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new PackageRefusal('error.package.partNotJson', { file: what });
  }
}

function checkManifest(raw: unknown): PackageManifest {
  const head = raw as { format?: unknown; version?: unknown } | null;
  if (head?.format !== PACKAGE_FORMAT) throw new PackageRefusal('error.package.noManifest');
  if (typeof head.version === 'number' && head.version > PACKAGE_VERSION)
    throw new PackageRefusal('error.package.newerVersion', {
      version: head.version,
      readable: PACKAGE_VERSION,
    });
  const parsed = PackageManifestSchema.safeParse(raw);
  if (!parsed.success) throw new PackageRefusal('error.package.manifestBroken');
  const names = new Set<string>();
  for (const m of parsed.data.media) {
    const problem = mediaNameProblem(m.name);
    if (problem) throw new PackageRefusal('error.package.mediaName', { name: m.name });
    if (names.has(m.name)) throw new PackageRefusal('error.package.mediaTwice', { name: m.name });
    names.add(m.name);
  }
  return parsed.data;
}

function checkGuests(raw: unknown): Guest[] {
  const parsed = GuestListSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PackageRefusal('error.package.guestsInvalid', {
      field: issue?.path.join('.') ?? '',
      problem: issue?.message ?? '',
    });
  }
  const ids = new Set<string>();
  const codes = new Set<string>();
  for (const g of parsed.data) {
    if (ids.has(g.id)) throw new PackageRefusal('error.package.guestTwice', { id: g.id });
    if (codes.has(g.badgeCode)) throw new PackageRefusal('error.package.badgeTwice', { name: g.name });
    ids.add(g.id);
    codes.add(g.badgeCode);
  }
  return parsed.data;
}

/**
 * Reads a package from `input` into `dir` (its media under dir/media), checking as it goes: the
 * manifest first, every entry's name (nothing but the four kinds of entry, so `../x`, absolute paths
 * and links are refused before a byte is written), each media file's size and hash, the scenario and
 * the guest list. Throws PackageRefusal with the organiser's words (reason + values); the caller removes `dir`.
 */
export async function readPackage(input: Readable, dir: string): Promise<ReadPackage> {
  const mediaDir = path.join(dir, 'media');
  fs.mkdirSync(mediaDir, { recursive: true });
  let manifest: PackageManifest | null = null;
  let scenario: Scenario | null = null;
  let guests: Guest[] | null = null;
  const arrived = new Set<string>();

  async function entry(header: tar.Headers, stream: Readable): Promise<void> {
    const name = header.name;
    if (header.type !== 'file')
      throw new PackageRefusal('error.package.foreignEntry', { name, type: header.type ?? '' });
    const size = header.size ?? 0;
    if (!manifest) {
      if (name !== 'manifest.json') throw new PackageRefusal('error.package.noManifest');
      manifest = checkManifest(await readJson(stream, size, MANIFEST_MAX, name));
    } else if (name === 'scenario.json' && !scenario) {
      const parsed = parseCeremony(await readJson(stream, size, SCENARIO_MAX, name));
      if (!parsed.ok)
        throw new PackageRefusal('error.package.scenarioInvalid', {
          problems: parsed.problems.slice(0, 5).join('; '),
        });
      scenario = parsed.scenario;
    } else if (name === 'guests.json' && !guests) {
      guests = checkGuests(await readJson(stream, size, GUESTS_MAX, name));
    } else if (name.startsWith('media/')) {
      const media = name.slice('media/'.length);
      const listed = manifest.media.find((m) => m.name === media);
      if (!listed || arrived.has(media) || mediaNameProblem(media))
        throw new PackageRefusal('error.package.unlistedFile', { name });
      if (listed.bytes !== size) throw new PackageRefusal('error.package.mediaSize', { name: media });
      const hash = crypto.createHash('sha256');
      stream.on('data', (chunk: Buffer) => hash.update(chunk));
      await pipeline(stream, fs.createWriteStream(path.join(mediaDir, media), { flags: 'wx' }));
      if (hash.digest('hex') !== listed.sha256)
        throw new PackageRefusal('error.package.mediaHash', { name: media });
      arrived.add(media);
    } else throw new PackageRefusal('error.package.foreignFile', { name });
  }

  const extract = tar.extract();
  extract.on('entry', (header, stream: Readable, next) => {
    entry(header, stream).then(
      () => next(),
      (err: unknown) => {
        stream.resume();
        extract.destroy(err as Error);
      },
    );
  });
  try {
    // Not pipeline(): it would destroy the request on a refusal, and the sender would see a reset
    // instead of the answer. The caller drains the rest of the body.
    await new Promise<void>((resolve, reject) => {
      input.on('error', reject);
      input.on('aborted', () => reject(new Error('aborted')));
      extract.on('error', (err) => {
        input.unpipe(extract);
        reject(err);
      });
      extract.on('finish', resolve);
      input.pipe(extract);
    });
  } catch (err) {
    if (err instanceof PackageRefusal) throw err;
    const message = (err as Error).message;
    if (/Unexpected end/i.test(message)) throw new PackageRefusal('error.package.cut');
    if (/aborted|ECONNRESET|premature/i.test(message)) throw new PackageRefusal('error.package.aborted');
    throw new PackageRefusal('error.package.notCeremony');
  }
  // Cut exactly between two entries, a tar still reads to its end: what is missing tells.
  if (!manifest) throw new PackageRefusal('error.package.empty');
  const m: PackageManifest = manifest;
  if (!scenario) throw new PackageRefusal('error.package.noScenario');
  if (!guests) throw new PackageRefusal('error.package.noGuests');
  const missing = m.media.filter((f) => !arrived.has(f.name)).map((f) => f.name);
  if (missing.length)
    throw new PackageRefusal('error.package.mediaMissing', { names: missing.slice(0, 5).join(', ') });
  const unpacked = [...scenarioMediaNames(scenario)].filter((n) => !arrived.has(n));
  if (unpacked.length)
    throw new PackageRefusal('error.package.scenarioMediaMissing', {
      names: unpacked.slice(0, 5).join(', '),
    });
  return { manifest: m, scenario, guests };
}
