import { mediaNameOf, type Scenario } from '@ceremony/shared';
import type { GuestsRepository } from '../store/guests.repository.js';
import type { PurgeRepository } from '../store/purge.repository.js';
import type { ShowRepository } from '../store/show.repository.js';

/**
 * The scenario without people: citizens become "Номинант N"; leaders, photos, citations and the
 * host's notes (which name people in every grammatical case) go; any remaining exact mention of a
 * removed name (a cue title) is replaced by its label. Organisations keep their names: they are public.
 */
export function anonymousScenario(s: Scenario, guestNames: readonly string[] = []): Scenario {
  const labels = new Map<string, string>();
  let n = 0;
  const nominees = s.nominees.map((nominee) => {
    const { leader, ...withPhoto } = nominee;
    const rest = { ...withPhoto, photoUrl: undefined };
    if (leader) labels.set(leader, 'руководитель');
    if (nominee.kind !== 'citizen') return { ...rest, citation: '' };
    const label = `Номинант ${++n}`;
    labels.set(nominee.name, label);
    return { ...rest, name: label, citation: '' };
  });
  for (const name of guestNames) if (!labels.has(name)) labels.set(name, 'гость');
  const removed = new Set(peopleMedia(s));
  const cues = s.cues.map((c) =>
    c.kind === 'video' ? withoutInterview({ ...c, notes: '' }, removed) : { ...c, notes: '' },
  );
  // Longest names first, so "Анна Иванова" is not half-replaced by a shorter "Анна".
  let text = JSON.stringify({ ...s, nominees, cues });
  for (const [name, label] of [...labels].sort((a, b) => b[0].length - a[0].length))
    if (name.trim().length > 2) text = text.split(JSON.stringify(name).slice(1, -1)).join(label);
  return JSON.parse(text) as Scenario;
}

/**
 * Library files that show people: nominees' photos, video interviews and their subtitles. The logo
 * stays, even when the same file is also someone's photo.
 */
export function peopleMedia(s: Scenario): string[] {
  const names = new Set<string>();
  const add = (url: string | undefined) => {
    const name = mediaNameOf(url);
    if (name !== null) names.add(name);
  };
  for (const n of s.nominees) add(n.photoUrl);
  for (const c of s.cues) if (c.kind === 'video') [c.mediaUrl, c.subtitlesUrl].forEach(add);
  const logo = mediaNameOf(s.ceremony.branding.logoUrl);
  if (logo !== null) names.delete(logo);
  return [...names];
}

type VideoCue = Extract<Scenario['cues'][number], { kind: 'video' }>;
/** A video cue whose interview file is gone points at nothing (readiness reports it), not at a missing file. */
function withoutInterview(c: VideoCue, removed: ReadonlySet<string>): VideoCue {
  const gone = (url: string | undefined) => {
    const name = mediaNameOf(url);
    return name !== null && removed.has(name);
  };
  const { subtitlesUrl, ...rest } = c;
  return {
    ...rest,
    mediaUrl: gone(c.mediaUrl) ? '' : c.mediaUrl,
    ...(subtitlesUrl !== undefined && !gone(subtitlesUrl) && { subtitlesUrl }),
  };
}

/**
 * After the evening: removes names and contacts (guests, citizen nominees, scan answers, free-text
 * notes, feedback comments and senders, device names) and gives the guests new random ids, and
 * keeps what the report counts. Deleted bytes are overwritten and the file rebuilt (secure_delete +
 * VACUUM + a truncated WAL), so no name survives in the SQLite file either. With other hubs the
 * SQLite tables only this hub keeps are purged here first, then PostgreSQL and every hub's copy.
 */
export async function purgePersonalData(
  purge: PurgeRepository,
  guests: GuestsRepository,
  show: ShowRepository,
  now: number,
  /** Deletes library files with their projector copies and cached facts (the media library's removeFiles). */
  removeMedia: (names: string[]) => unknown = () => undefined,
  /**
   * With other hubs: the same purge in PostgreSQL (purge.store.ts), which then copies every part
   * back into this file, so the copy holds PostgreSQL's new ids, not the ones made here.
   */
  everyHub?: () => Promise<void>,
): Promise<{ guests: number; nominees: number; media: number }> {
  purge.overwriteDeletedBytes();
  const names = guests.all().map((g) => g.name);
  const scenario = show.loadScenario();
  const nominees = scenario?.nominees.filter((n) => n.kind === 'citizen' || n.leader).length ?? 0;
  const count = purge.atomically(() => {
    const anonymised = guests.anonymise();
    if (scenario) show.saveScenario(anonymousScenario(scenario, names), now);
    purgeWhatPeopleTyped(purge);
    return anonymised;
  });
  await everyHub?.();
  // Photos and interviews go after their references, before the VACUUM: the library's cached facts
  // hold the file names (often a person's name), and those rows must be rewritten away too.
  const media = scenario ? peopleMedia(scenario) : [];
  await removeMedia(media);
  purge.rebuildFile();
  return { guests: count, nominees, media: media.length };
}

/**
 * Everything people wrote or named outside the guest list, and the keys that point back to them:
 * the host's lines and undo reasons, feedback comments and who sent them, open badge reissues
 * (they pair a guest's old and new codes), the names given to devices and pairing codes, and the
 * guests' ids (once hashes of name and organisation). Runs inside the purge's transaction. (The
 * nominees' media is the media library's to remove.)
 */
function purgeWhatPeopleTyped(repo: PurgeRepository): void {
  repo.clearFreeText();
  repo.clearFeedbackText();
  repo.forgetReissues();
  repo.renameDevices();
  repo.rekeyGuests();
}
