import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  MEDIA_ACCEPT,
  refusal,
  mediaKindByName,
  mediaNameProblem,
  mediaUsage,
  type Answer,
  type MediaItem,
  type MediaKind,
  type Scenario,
} from '@ceremony/shared';
import {
  SNIFF_BYTES,
  kindOfBytes,
  kindOfFile,
  makeStageCopy,
  probeFile,
  type MediaFacts,
} from './media.probe.js';
import { SharedMedia, type MediaShare } from './media.shared.js';

export interface MediaDeps {
  /** DATA_DIR/media: served at /media, one flat folder. */
  dir: string;
  maxBytes: number;
  scenario: () => Scenario;
  /** With DATABASE_URL: the PostgreSQL every hub shares holds the library, this folder is a copy. */
  share?: MediaShare;
}

export interface StoredMedia {
  name: string;
  kind: MediaKind;
  bytes: number;
}

/** Raised inside the upload pipeline when the bytes pass the limit, to stop reading at once. */
class TooLarge extends Error {}
/** Raised inside the upload pipeline when the first bytes are none of our kinds: a wrong 4 GB file stops at once. */
class WrongKind extends Error {}

/** The projector's scaled copies of photos, under the same names: hidden, so never listed or served as originals. */
export const STAGE_DIR = '.stage';
const TEMP_PREFIX = '.upload-';
/** makeStageCopy's temporary files. */
const PART_PREFIX = '.part-';
const NAME_MAX_BYTES = 255;
/** Room kept free beside an upload: SQLite's WAL and the photo copies live on the same disk. */
const DISK_RESERVE = 64 * 1024 ** 2;

/**
 * The media library: files in one folder, written whole or not at all. An upload goes to a hidden
 * temporary file first (the /media route and the listing skip dot-files), is checked by its bytes,
 * and is linked under its name only if that name is still free, so a refusal leaves nothing behind
 * and two uploads racing for one name give one winner.
 */
export class MediaLibrary {
  /** Probing a video reads its container: done once per file version, not on every listing. */
  private readonly facts = new Map<string, { version: string; facts: MediaFacts & { kind: MediaKind } }>();
  /** The shared record and this hub's copy of it (DATABASE_URL); null for a hub on its own. */
  readonly shared: SharedMedia | null;

  constructor(private readonly deps: MediaDeps) {
    // An upload cut off by a crash or a power cut left its temporary file: nobody will finish it.
    fs.mkdirSync(this.stageDir, { recursive: true });
    for (const dir of [deps.dir, this.stageDir])
      for (const f of fs.readdirSync(dir))
        if (f.startsWith(TEMP_PREFIX) || f.startsWith(PART_PREFIX))
          fs.rmSync(path.join(dir, f), { force: true });
    this.shared = deps.share
      ? new SharedMedia({
          share: deps.share,
          dir: deps.dir,
          tempPrefix: TEMP_PREFIX,
          landed: async (name, row) => {
            if (row.kind === 'image' && row.facts.playable) await this.stageCopy(name);
          },
          drop: (names) => this.removeLocal(names),
        })
      : null;
  }

  private get stageDir(): string {
    return path.join(this.deps.dir, STAGE_DIR);
  }

  async list(): Promise<MediaItem[]> {
    const usage = mediaUsage(this.deps.scenario());
    if (this.shared) {
      // Every hub's files, as the record holds them: a file this hub has not copied yet is listed too.
      await this.shared.refresh();
      return this.shared
        .rows()
        .map(({ name, kind, bytes, uploadedAt, facts }) => ({
          name,
          bytes,
          uploadedAt,
          ...facts,
          kind,
          usedBy: usage.get(name) ?? [],
        }))
        .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
    }
    const entries = await fs.promises.readdir(this.deps.dir, { withFileTypes: true });
    const items: MediaItem[] = [];
    for (const entry of entries) {
      if (!entry.isFile() || entry.name.startsWith('.') || mediaKindByName(entry.name) === null) continue;
      const file = path.join(this.deps.dir, entry.name);
      const stat = await fs.promises.stat(file).catch(() => null);
      if (!stat) continue; // deleted while listing
      const facts = await this.factsOf(entry.name, file, `${stat.size}:${stat.mtimeMs}`);
      items.push({
        name: entry.name,
        bytes: stat.size,
        uploadedAt: Math.round(stat.mtimeMs),
        ...facts,
        usedBy: usage.get(entry.name) ?? [],
      });
    }
    return items.sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  }

  /** Writes an upload under its name; `declaredBytes` (Content-Length) refuses a too-large file before reading it. */
  async store(
    name: string,
    body: Readable,
    declaredBytes: number | null,
  ): Promise<Answer<{ media: StoredMedia }>> {
    const problem = mediaNameProblem(name);
    if (problem) return refusal('INVALID_PAYLOAD', problem.reason, problem.params);
    // Any of the library's endings will do (the bytes tell the kind), but only those: /media serves
    // a file by its ending, and a text file named .html would be a page on the hub's own address.
    if (mediaKindByName(name) === null)
      return refusal('INVALID_PAYLOAD', 'error.mediaEnding', { endings: MEDIA_ACCEPT });
    // Disks count a name in bytes (255 on ext4, NTFS, APFS): 200 Cyrillic letters are 400 bytes.
    if (Buffer.byteLength(name) > NAME_MAX_BYTES) return refusal('INVALID_PAYLOAD', 'error.mediaNameTooLong');
    const target = path.join(this.deps.dir, name);
    const taken = this.shared ? this.shared.has(name) : fs.existsSync(target);
    if (taken) return refusal('CONFLICT', 'error.mediaExists', { name });
    if (declaredBytes !== null && declaredBytes > this.deps.maxBytes) return this.tooLarge();
    if (declaredBytes !== null && !(await this.roomFor(declaredBytes))) return this.diskFull();

    const temp = path.join(this.deps.dir, `${TEMP_PREFIX}${randomUUID()}`);
    let out: fs.WriteStream | null = null;
    try {
      let bytes = 0;
      let kind: MediaKind | null = null;
      let head: Buffer[] | null = [];
      const limit = this.deps.maxBytes;
      const hash = createHash('sha256');
      // Holds the first bytes back until they tell the kind, then lets everything through.
      const decide = async (stream: Transform, force: boolean): Promise<void> => {
        const start = Buffer.concat(head!);
        if (!force && start.length < SNIFF_BYTES) return;
        kind = await kindOfBytes(start);
        if (kind === null) throw new WrongKind();
        head = null;
        stream.push(start);
      };
      const check = new Transform({
        transform(chunk: Buffer, _enc, done) {
          bytes += chunk.length;
          if (bytes > limit) return done(new TooLarge());
          hash.update(chunk);
          if (head === null) return done(null, chunk);
          head.push(chunk);
          decide(this, false).then(() => done(), done);
        },
        flush(done) {
          if (head === null || bytes === 0) return done();
          decide(this, true).then(() => done(), done);
        },
      });
      try {
        // flush: the file's bytes reach the disk before it is linked and acknowledged (201).
        out = fs.createWriteStream(temp, { flags: 'wx', flush: true });
        await pipeline(keepOpen(body), check, out);
      } catch (err) {
        if (err instanceof TooLarge) return this.tooLarge();
        if (err instanceof WrongKind) return this.wrongKind();
        if ((err as NodeJS.ErrnoException).code === 'ENOSPC') return this.diskFull();
        return refusal('INVALID_PAYLOAD', 'error.uploadAborted');
      }
      if (bytes === 0 || kind === null) return refusal('INVALID_PAYLOAD', 'error.emptyFile');
      if (this.shared) return await this.storeShared(name, temp, { kind, bytes, sha256: hash.digest('hex') });
      try {
        await fs.promises.link(temp, target); // fails when the name was taken meanwhile: never overwrites
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') return refusal('CONFLICT', 'error.mediaExists', { name });
        // A hub on a Windows laptop or a FAT disk refuses names Linux takes (`:`, `?`, a final dot).
        if (code === 'EINVAL' || code === 'ENAMETOOLONG' || code === 'EILSEQ')
          return refusal('INVALID_PAYLOAD', 'error.mediaNameDisk');
        throw err;
      }
      await syncFolder(this.deps.dir); // the new name itself survives a power cut
      if (kind === 'image') await this.stageCopy(name);
      return { ok: true, media: { name, kind, bytes } };
    } finally {
      // A refusal in the first bytes can come before the file is even opened: wait for the stream to
      // close, or the open lands after the removal and leaves a temporary file behind (media fuzz).
      if (out && !out.closed) await new Promise<void>((resolve) => out!.once('close', () => resolve()));
      await fs.promises.rm(temp, { force: true });
    }
  }

  /** Removes a file nobody uses; one a nominee, cue or the branding still names is refused. */
  async remove(name: string): Promise<Answer<object>> {
    const problem = mediaNameProblem(name);
    if (problem) return refusal('INVALID_PAYLOAD', problem.reason, problem.params);
    const target = path.join(this.deps.dir, name);
    const there = this.shared
      ? await this.shared.row(name).then(Boolean, () => fs.existsSync(target))
      : fs.statSync(target, { throwIfNoEntry: false })?.isFile();
    if (!there) return refusal('NOT_FOUND', 'error.mediaMissing', { name });
    const users = mediaUsage(this.deps.scenario()).get(name) ?? [];
    if (users.length > 0)
      return refusal('CONFLICT', 'error.mediaInUse', {
        name,
        users: users.map((u) => u.label).join(', '),
      });
    if (this.shared) {
      const removed = await this.shared.remove([name]);
      if (!removed.ok) return removed;
    }
    await this.removeLocal([name]);
    return { ok: true };
  }

  /**
   * Removes files whatever uses them, with their projector copies and what was read from them (the
   * purge after the evening, a new ceremony). Names that are not there are passed over.
   */
  async removeFiles(names: readonly string[]): Promise<void> {
    if (this.shared) {
      const removed = await this.shared.remove(names);
      if (!removed.ok) throw new Error(removed.error.message);
    }
    await this.removeLocal(names);
  }

  /** Removes this hub's copies of files, with their projector copies and what was read from them. */
  private async removeLocal(names: readonly string[]): Promise<void> {
    for (const name of names) {
      if (mediaNameProblem(name)) continue;
      await fs.promises.rm(path.join(this.deps.dir, name), { force: true });
      await fs.promises.rm(path.join(this.stageDir, name), { force: true });
      this.facts.delete(name);
    }
  }

  /**
   * An upload with other hubs: committed into the shared record first, then renamed into this
   * hub's folder (over a stale copy, if any: the record decided the name is free). A refusal of the
   * record leaves nothing on any hub.
   */
  private async storeShared(
    name: string,
    temp: string,
    file: { kind: MediaKind; bytes: number; sha256: string },
  ): Promise<Answer<{ media: StoredMedia }>> {
    const shared = this.shared!;
    const facts = await probeFile(temp, file.kind);
    const row = { name, ...file, uploadedAt: Date.now(), facts };
    const committed = await shared.add([{ file: temp, row }], false);
    if (!committed.ok) return committed;
    try {
      await fs.promises.rename(temp, path.join(this.deps.dir, name));
    } catch (err) {
      // A disk that refuses the name (`:` on FAT, a name too long in bytes): taken back from the record.
      await shared.remove([name]);
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EINVAL' || code === 'ENAMETOOLONG' || code === 'EILSEQ')
        return refusal('INVALID_PAYLOAD', 'error.mediaNameDisk');
      throw err;
    }
    shared.remember(name, file.sha256);
    await syncFolder(this.deps.dir);
    if (file.kind === 'image') await this.stageCopy(name);
    return { ok: true, media: { name, kind: file.kind, bytes: file.bytes } };
  }

  /** Kind by the bytes (a file put in the folder by hand that is none of ours: by its ending, not playable). */
  private async factsOf(
    name: string,
    file: string,
    version: string,
  ): Promise<MediaFacts & { kind: MediaKind }> {
    const known = this.facts.get(name);
    if (known?.version === version) return known.facts;
    const byBytes = await kindOfFile(file).catch(() => null);
    const kind = byBytes ?? mediaKindByName(name)!;
    const facts = { kind, ...(byBytes ? await probeFile(file, kind) : { playable: false }) };
    // A photo put in the folder by hand (or a copy lost) gets its projector copy when first listed.
    if (kind === 'image' && facts.playable && !this.hasFreshCopy(name)) await this.stageCopy(name);
    this.facts.set(name, { version, facts });
    return facts;
  }

  private hasFreshCopy(name: string): boolean {
    const copy = fs.statSync(path.join(this.stageDir, name), { throwIfNoEntry: false });
    const original = fs.statSync(path.join(this.deps.dir, name), { throwIfNoEntry: false });
    return copy !== undefined && original !== undefined && copy.mtimeMs >= original.mtimeMs;
  }

  /** Makes (again) the projector copy of a photo; without one the projector gets the original. */
  private async stageCopy(name: string): Promise<void> {
    try {
      await makeStageCopy(path.join(this.deps.dir, name), path.join(this.stageDir, name));
    } catch {
      await fs.promises.rm(path.join(this.stageDir, name), { force: true });
    }
  }

  private async roomFor(bytes: number): Promise<boolean> {
    const disk = await fs.promises.statfs(this.deps.dir);
    return disk.bavail * disk.bsize >= bytes + DISK_RESERVE;
  }

  private diskFull() {
    return refusal('INSUFFICIENT_STORAGE', 'error.mediaDiskFull');
  }

  private wrongKind() {
    return refusal('INVALID_PAYLOAD', 'error.mediaKind');
  }

  private tooLarge() {
    const mb = Math.floor(this.deps.maxBytes / 1024 ** 2);
    return refusal('PAYLOAD_TOO_LARGE', 'error.mediaTooLarge', { mb });
  }
}

/** fsync of a folder: a new name in it is on the disk, not only the file's bytes. */
async function syncFolder(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The request's bytes through a stream of our own, so a refusal mid-upload (a wrong kind at the first
 * chunk, too large) ends that stream, not the request's socket: the answer still reaches the
 * organiser's browser, and Node discards the rest of the body once it is sent. A connection cut by
 * the client still ends the upload as cut.
 */
function keepOpen(body: Readable): Readable {
  const through = new PassThrough();
  body.pipe(through);
  body.once('close', () => {
    if (!body.readableEnded) through.destroy(new Error('upload cut off'));
  });
  through.once('close', () => {
    body.unpipe(through);
    body.resume(); // what is left of a refused upload is read and dropped, never written
  });
  return through;
}
