import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { mediaKindByName, mediaNameProblem, refusal, type Answer } from '@ceremony/shared';
import {
  copyMediaOut,
  deleteMedia,
  mediaCatalog,
  mediaRow,
  putMedia,
  removedContents,
  type MediaRow,
  type MediaUpload,
} from '../store/postgres/media.store.js';
import { committedOrWhy } from '../store/postgres/not-committed.js';
import { inTransaction } from '../store/postgres/pool.js';
import type { NotCommitted } from '../store/unavailable.js';
import { refuseWhenAway } from '../store/writes.js';
import { DEMO_CLIP } from '../demo/seed.js';
import { kindOfFile, probeFile } from './media.probe.js';
import { sha256Of } from './package.format.js';

/** What the shared library needs of the PostgreSQL every hub shares (SharedStore). */
export interface MediaShare {
  pool: pg.Pool;
  /** Tells the other hubs, inside the transaction, that the library changed. */
  changed(client: pg.ClientBase, part: 'media'): Promise<void>;
  /** True when this process put its evening into a new database: its files are the library's start. */
  seededHere(): boolean;
  /** Why a commit was not confirmed (with the backup laptop off: it waits for it). */
  whyNotCommitted(failure?: unknown): Promise<NotCommitted>;
  /** A change this hub stopped waiting for may still land: its own NOTIFY is then followed. */
  gaveUpOn(part: 'media'): void;
}

export interface SharedMediaDeps {
  share: MediaShare;
  /** DATA_DIR/media: this hub's copy of the library. */
  dir: string;
  /** Prefix of hidden temporary files in `dir` (swept at start by the library). */
  tempPrefix: string;
  /** A file copied in from the record: its projector copy is made. */
  landed(name: string, row: MediaRow): Promise<void>;
  /** Files the record no longer holds: they go from this hub's folder (with their copies). */
  drop(names: string[]): Promise<void>;
}

/** Thrown inside an upload's transaction when its name is taken: rolled back, answered CONFLICT. */
class NameTaken extends Error {
  constructor(readonly name: string) {
    super(`${name} is taken`);
  }
}

/** Removes the hidden files `keepAside` made. */
const forget = (kept: readonly MediaUpload[]) =>
  Promise.all(kept.map((k) => fs.promises.rm(k.file, { force: true })));

/**
 * With DATABASE_URL the library's record is PostgreSQL (media.store.ts) and DATA_DIR/media is this
 * hub's copy of it: an upload is committed there before it is answered, a file this hub lacks (or
 * holds in another version) is copied in when first asked for, and the other hubs' changes are
 * followed on their NOTIFY, new files fetched ahead of time so the show never waits for a copy.
 */
export class SharedMedia {
  /** The record's rows as last read: listings and the /media route decide from it without a query. */
  private catalog = new Map<string, MediaRow>();
  /** sha256 of this hub's files by name, for the size and mtime they had when hashed. */
  private readonly hashes = new Map<string, { version: string; sha: Promise<string> }>();
  /** Copies under way: concurrent requests for one file share one copy. */
  private readonly copying = new Map<string, Promise<boolean>>();
  private following: Promise<void> = Promise.resolve();
  private followAgain = false;
  private followRunning = false;
  private stopped = false;

  constructor(private readonly deps: SharedMediaDeps) {}

  /** Starts following: the seeding hub puts its files in first; every hub then makes its copy whole. */
  start(): Promise<void> {
    this.following = (async () => {
      if (this.deps.share.seededHere()) await this.adoptFolder();
      await this.followNow();
    })().catch((err: Error) => console.warn('[media] taking the shared library failed:', err.message));
    return this.following;
  }

  /** The hub is closing: no more copies start (one under way ends on its own). */
  stop(): void {
    this.stopped = true;
  }

  rows(): MediaRow[] {
    return [...this.catalog.values()];
  }

  /** Reads the record's rows again; a database away keeps the last ones (answered false). */
  async refresh(): Promise<boolean> {
    try {
      const rows = await mediaCatalog(this.deps.share.pool);
      this.catalog = new Map(rows.map((r) => [r.name, r]));
      return true;
    } catch {
      return false;
    }
  }

  has(name: string): boolean {
    return this.catalog.has(name);
  }

  /** The record's row of a file, asking PostgreSQL when this hub has not heard of it yet (throws while it is away). */
  async row(name: string): Promise<MediaRow | null> {
    const known = this.catalog.get(name);
    if (known) return known;
    const row = await mediaRow(this.deps.share.pool, name);
    if (row) this.catalog.set(name, row);
    return row;
  }

  /**
   * Commits a file into the record (the bytes at `upload.file`, already checked). Answers CONFLICT
   * when the name is taken (and `replace` is false), `error.store.unavailable` while the database
   * is away: then nothing is committed and the caller keeps nothing either. With the backup laptop
   * off, `error.store.standbyWaiting` (commit): it lands later, and this hub copies it in then.
   */
  async add(uploads: MediaUpload[], replace: boolean): Promise<Answer<object>> {
    const put = await this.commit('upload', async (client) => {
      for (const upload of uploads)
        if (!(await putMedia(client, upload, replace))) throw new NameTaken(upload.row.name);
      await this.deps.share.changed(client, 'media');
      return { ok: true } as const;
    }).catch((err: unknown) => {
      if (err instanceof NameTaken) return refusal('CONFLICT', 'error.mediaExists', { name: err.name });
      throw err;
    });
    if (put.ok) for (const { row } of uploads) this.catalog.set(row.name, row);
    return put;
  }

  /**
   * One change of the record, answered as committedOrWhy says: with the backup laptop off, within
   * 2.5 s and in words that say it lands once the standby answers or `standby.sh solo` runs (this hub
   * then follows its own NOTIFY, as another hub's), not the query timeout's «unreachable» 10 s later.
   * Any other failure: `error.store.unavailable`, nothing committed.
   */
  private commit<T extends object>(
    what: string,
    unit: (client: pg.PoolClient) => Promise<Answer<T>>,
  ): Promise<Answer<T>> {
    const { share } = this.deps;
    return refuseWhenAway(
      committedOrWhy(
        (stage) => inTransaction(share.pool, unit, stage),
        `media ${what}`,
        { why: (failure) => share.whyNotCommitted(failure), gaveUp: () => share.gaveUpOn('media') },
        (err) => err instanceof NameTaken,
      ),
      'media',
    );
  }

  /** Deletes files from the record (every hub drops its copy on the NOTIFY). */
  async remove(names: readonly string[]): Promise<Answer<{ removed: string[] }>> {
    const gone = await this.commit('delete', async (client) => {
      const removed = await deleteMedia(client, names);
      if (removed.length > 0) await this.deps.share.changed(client, 'media');
      return { ok: true, removed } as const;
    });
    if (gone.ok) for (const name of names) this.catalog.delete(name);
    return gone;
  }

  /**
   * The record's current version of each name, copied into hidden files of this hub's folder before
   * something replaces it (a package about to be applied): what `putBack` restores. Throws while the
   * database is away (nothing is replaced then either).
   */
  async keepAside(names: readonly string[]): Promise<MediaUpload[]> {
    const kept: MediaUpload[] = [];
    try {
      for (const name of names) {
        const file = path.join(this.deps.dir, `${this.deps.tempPrefix}${randomUUID()}`);
        const row = await copyMediaOut(this.deps.share.pool, name, file);
        if (row) kept.push({ file, row });
      }
      return kept;
    } catch (err) {
      await forget(kept);
      throw err;
    }
  }

  /** The versions kept aside are not needed after all (the replace did not commit). */
  release(kept: readonly MediaUpload[]): Promise<unknown> {
    return forget(kept);
  }

  /**
   * Undoes a replace and an add in one transaction: the kept versions go back in (their hidden files
   * are then removed), the added names go; every hub, this one included, follows. A database away
   * answers `error.store.unavailable` and leaves the record as it is.
   */
  async putBack(kept: MediaUpload[], added: readonly string[]): Promise<Answer<object>> {
    try {
      const undone = await this.commit("taking back a package's files", async (client) => {
        for (const upload of kept) await putMedia(client, upload, true);
        await deleteMedia(client, added);
        await this.deps.share.changed(client, 'media');
        return { ok: true } as const;
      });
      if (undone.ok) await this.follow();
      return undone;
    } finally {
      await forget(kept);
    }
  }

  /** Notes the sha of the file this hub holds under `name` now (it just wrote it): never hashed again. */
  remember(name: string, sha: string): void {
    const stat = fs.statSync(path.join(this.deps.dir, name), { throwIfNoEntry: false });
    if (stat) this.hashes.set(name, { version: `${stat.size}:${stat.mtimeMs}`, sha: Promise.resolve(sha) });
  }

  /**
   * Makes sure this hub's folder holds the record's version of `name` before it is served: copies
   * it in when missing or different. Answers false when the record has no such file. A database
   * away is no reason to stop serving: the copy on disk, if any, is served as it is.
   */
  async ensure(name: string): Promise<boolean> {
    const here = path.join(this.deps.dir, name);
    const row = await this.row(name).catch(() => undefined);
    if (row === undefined) return fs.existsSync(here);
    if (row === null) return false;
    // Twice at most: a copy already under way when the file went (it was copied, then removed) is
    // followed by one of our own.
    for (let tries = 0; tries < 2; tries++) {
      if (await this.isCurrent(name, this.catalog.get(name) ?? row)) return true;
      let copy = this.copying.get(name);
      if (!copy) {
        copy = this.copyIn(name).finally(() => this.copying.delete(name));
        this.copying.set(name, copy);
      }
      if (!(await copy)) break;
    }
    return fs.existsSync(here);
  }

  /** Another hub changed the library (or the link came back): take its changes, fetch ahead. */
  follow(): Promise<void> {
    if (this.stopped) return this.following;
    if (this.followRunning) {
      this.followAgain = true;
      return this.following;
    }
    this.following = this.followNow().catch((err: Error) =>
      console.warn('[media] following the shared library failed:', err.message),
    );
    return this.following;
  }

  private async followNow(): Promise<void> {
    this.followRunning = true;
    try {
      do {
        this.followAgain = false;
        if (!(await this.refresh())) return;
        const stale = this.localNames().filter((n) => !this.catalog.has(n));
        // Asked once more, one by one: an upload of this hub may have committed after the refresh.
        const strays: string[] = [];
        for (const name of stale) if (!(await mediaRow(this.deps.share.pool, name))) strays.push(name);
        if (strays.length > 0) await this.settleStrays(strays);
        for (const row of this.rows()) {
          if (this.stopped) return;
          await this.ensure(row.name);
        }
      } while (this.followAgain);
    } finally {
      this.followRunning = false;
    }
  }

  private localNames(): string[] {
    return fs
      .readdirSync(this.deps.dir, { withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.startsWith('.') && mediaNameProblem(e.name) === null)
      .map((e) => e.name);
  }

  private async isCurrent(name: string, row: MediaRow): Promise<boolean> {
    const stat = fs.statSync(path.join(this.deps.dir, name), { throwIfNoEntry: false });
    if (!stat || stat.size !== row.bytes) return false;
    return (await this.shaOf(name)) === row.sha256;
  }

  /** The sha256 of this hub's file `name`, hashed again only when its size or mtime changed ('' if unreadable). */
  private shaOf(name: string): Promise<string> {
    const file = path.join(this.deps.dir, name);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat) return Promise.resolve('');
    const version = `${stat.size}:${stat.mtimeMs}`;
    let known = this.hashes.get(name);
    if (known?.version !== version) {
      known = { version, sha: sha256Of(file).catch(() => '') };
      this.hashes.set(name, known);
    }
    return known.sha;
  }

  /**
   * Files in this hub's folder that the record does not hold. Deleted from the library (on any hub,
   * perhaps while this one was stopped or cut off): they go. The demo's clip, which every new folder
   * is given, goes too when the library does not have it. Any other was put there by hand (a video
   * copied onto the backup laptop the night before): it joins the library, as the first hub's files
   * do, rather than being deleted from the organiser's disk.
   */
  private async settleStrays(names: string[]): Promise<void> {
    const shas = new Map<string, string>();
    for (const name of names) shas.set(name, await this.shaOf(name));
    const removed = await removedContents(this.deps.share.pool, [...shas.values()]);
    const demo = await demoClipSha();
    const drop = names.filter((n) => removed.has(shas.get(n)!) || (demo !== '' && shas.get(n) === demo));
    if (drop.length > 0) await this.deps.drop(drop);
    let unsettled = false;
    for (const name of names) {
      const sha = shas.get(name)!;
      if (drop.includes(name) || sha === '') continue;
      // A file still being copied in (its mtime moves with every write) would go into the record cut
      // short, and the record's version would then overwrite the whole file here: wait until it rests.
      const stat = fs.statSync(path.join(this.deps.dir, name), { throwIfNoEntry: false });
      if (stat && Date.now() - stat.mtimeMs < STRAY_SETTLE_MS) unsettled = true;
      else if (stat) await this.adopt(name, sha);
    }
    if (unsettled && !this.stopped) setTimeout(() => void this.follow(), STRAY_SETTLE_MS).unref();
  }

  /** Puts a file of this hub's folder into the record as it is (a name taken meanwhile: the record wins). */
  private async adopt(name: string, sha: string): Promise<void> {
    const file = path.join(this.deps.dir, name);
    const row = await rowOfFile(name, file, sha);
    if (row && (await this.add([{ file, row }], false)).ok) this.remember(name, row.sha256);
  }

  /** Streams the record's bytes into a hidden file, then renames it into place: never half a file. */
  private async copyIn(name: string): Promise<boolean> {
    const temp = path.join(this.deps.dir, `${this.deps.tempPrefix}${randomUUID()}`);
    try {
      const row = await copyMediaOut(this.deps.share.pool, name, temp);
      if (!row) return false;
      await fs.promises.rename(temp, path.join(this.deps.dir, name));
      this.catalog.set(name, row);
      this.remember(name, row.sha256);
      await this.deps.landed(name, row);
      return true;
    } catch (err) {
      console.warn(`[media] copying ${name} from the shared library failed:`, (err as Error).message);
      return false;
    } finally {
      await fs.promises.rm(temp, { force: true });
    }
  }

  /** The first hub's files become the library's start (a file put there by hand included). */
  private async adoptFolder(): Promise<void> {
    if (!(await this.refresh())) return;
    for (const name of this.localNames())
      if (!this.catalog.has(name)) await this.adopt(name, await sha256Of(path.join(this.deps.dir, name)));
  }
}

/** How long a file put in by hand must rest unchanged before it joins the library. */
export const STRAY_SETTLE_MS = 30_000;

let demoSha: Promise<string> | null = null;
/** The content of the demo's clip (hashed once; '' when the package has none). */
const demoClipSha = () => (demoSha ??= sha256Of(DEMO_CLIP).catch(() => ''));

/**
 * The record's row for a file on this hub's disk: the kind by its bytes (a file put in the folder
 * by hand that is none of ours: by its ending, not playable), what can be read from it, its mtime as
 * the upload time. Null for a name the library does not take.
 */
export async function rowOfFile(name: string, file: string, sha256: string): Promise<MediaRow | null> {
  const stat = await fs.promises.stat(file);
  const byBytes = await kindOfFile(file).catch(() => null);
  const kind = byBytes ?? mediaKindByName(name);
  if (kind === null) return null;
  const facts = byBytes ? await probeFile(file, byBytes) : { playable: false };
  return { name, kind, bytes: stat.size, sha256, uploadedAt: Math.round(stat.mtimeMs), facts };
}
