import { refusal, type Answer, type PackageCounts, type Snapshot } from '@ceremony/shared';
import { rowOfFile, type SharedMedia } from './media.shared.js';
import type { PackageService } from './package.service.js';

/** A package's media in the shared record, until its apply is known to have held or not. */
export interface PublishedMedia {
  takeBack: () => Promise<Answer<object>>;
  keep: () => Promise<void>;
}

/** A staged package's media file, already checked against its manifest. */
type StagedFile = { name: string; file: string; sha256: string };

const unavailable = () => refusal('INTERNAL', 'error.store.unavailable');

/**
 * With other hubs: a package's media go into the shared record, replacing another version of the
 * same name, all in one transaction (the package then moves them into this hub's folder as it does
 * alone). The versions replaced are kept aside first: `takeBack` restores the record as it was (and
 * removes the files added) when the apply that follows is refused, so a refused package leaves every
 * hub's library as it found it; `keep` lets the kept versions go once it is applied.
 */
export async function publishPackageMedia(
  shared: SharedMedia,
  files: readonly StagedFile[],
): Promise<Answer<PublishedMedia>> {
  const uploads = [];
  const replaced: string[] = [];
  const added: string[] = [];
  try {
    for (const { name, file, sha256 } of files) {
      const known = await shared.row(name);
      if (known?.sha256 === sha256) continue;
      const row = await rowOfFile(name, file, sha256);
      if (!row) continue;
      uploads.push({ file, row: { ...row, uploadedAt: Date.now() } });
      (known ? replaced : added).push(name);
    }
  } catch (err) {
    console.warn('[media] the record could not be read for a package:', (err as Error).message);
    return unavailable();
  }
  if (uploads.length === 0) return { ok: true, takeBack: async () => ({ ok: true }), keep: async () => {} };
  const kept = await shared.keepAside(replaced).catch(() => null);
  if (!kept) return unavailable();
  const put = await shared.add(uploads, true);
  if (!put.ok) {
    await shared.release(kept);
    // Its files still land with `solo`, the rest of the package does not: «will be carried out»
    // would be wrong. Applied again after `solo`, the files already there are skipped (same sha256).
    return put.error.reason === 'error.store.standbyWaiting'
      ? refusal('INTERNAL', 'error.store.packageWaiting')
      : put;
  }
  return {
    ok: true,
    takeBack: () => shared.putBack(kept, added),
    keep: async () => void (await shared.release(kept)),
  };
}

/**
 * Applies a staged package, from the admin's page or the command line. Alone (`shared` null), that
 * is the package service's apply. With other hubs, its media go into the shared record first, once
 * nothing this hub knows of would refuse the apply; if the apply is refused after all (a GO on
 * another hub meanwhile) or fails, they are taken back.
 */
export async function applyPackage(
  packages: PackageService,
  packageId: string,
  shared: SharedMedia | null,
): Promise<Answer<{ counts: PackageCounts; snapshot: Snapshot }>> {
  const refused = packages.refusalToApply(packageId);
  if (refused) return refused;
  const staged = shared ? packages.stagedMedia(packageId) : null;
  const published = shared && staged ? await publishPackageMedia(shared, staged) : null;
  if (published && !published.ok) return published;
  const takeBack = async () => {
    const undone = await published?.takeBack();
    if (undone && !undone.ok) console.error("[package] the shared library keeps the refused package's files");
  };
  const applied = await packages.apply(packageId).catch(async (err: unknown) => {
    await takeBack();
    throw err;
  });
  if (applied.ok) await published?.keep();
  else await takeBack();
  return applied;
}
