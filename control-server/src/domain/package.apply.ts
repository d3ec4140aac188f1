import type { Answer, PackageCounts, Snapshot } from '@ceremony/shared';
import type { PublishedMedia } from './media.service.js';
import type { PackageService } from './package.service.js';

/** Puts a package's media into the record the hubs share (MediaLibrary.publish). */
export type PublishMedia = (
  files: { name: string; file: string; sha256: string }[],
) => Promise<Answer<PublishedMedia>>;

/**
 * Applies a staged package, from the admin's page or the command line. Alone, that is the package
 * service's apply. With other hubs (`publish`), its media go into the shared record first, once
 * nothing this hub knows of would refuse the apply; if the apply is refused after all (a GO on another
 * hub meanwhile) or fails, they are taken back, so a refused package leaves every hub's library as it
 * found it.
 */
export async function applyPackage(
  packages: PackageService,
  packageId: string,
  publish?: PublishMedia,
): Promise<Answer<{ counts: PackageCounts; snapshot: Snapshot }>> {
  const refused = packages.refusalToApply(packageId);
  if (refused) return refused;
  const staged = publish ? packages.stagedMedia(packageId) : null;
  const published = staged && publish ? await publish(staged) : null;
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
