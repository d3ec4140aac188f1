/** One try at reaching a hub after the link dropped: where, and how long to wait before it. */
export interface HubAttempt {
  url: string;
  delayMs: number;
}

/** The first retry waits this long; each later one twice as long, up to HUB_RETRY_MAX_MS. */
export const HUB_RETRY_FIRST_MS = 250;
export const HUB_RETRY_MAX_MS = 2000;
/** A hub that neither answers nor refuses (a laptop gone dark) is given up on after this long. */
export const HUB_CONNECT_TIMEOUT_MS = 2000;

/**
 * A hub pings each client this often and waits this long for the answer. A client that has heard no
 * ping for their sum takes its hub for gone ('ping timeout'): that is how a laptop that vanished
 * without closing its connections (a power cut, a pulled cable, a frozen machine) is noticed, 2 to
 * 3.5 s after it went silent, so the move still fits in 5 s (docs/SCALING.md). The timeout is what a
 * busy hub's event loop or a phone's sluggish Wi-Fi may lag before a screen leaves for another hub
 * (stalls up to ~2 s were measured only on a 2-core bench box under 10,000 sockets); a ping costs a
 * few bytes, so pinging more often costs little and notices sooner.
 */
export const HUB_PING_INTERVAL_MS = 1500;
export const HUB_PING_TIMEOUT_MS = 2000;

/**
 * Whether a lost link means the hub went silent rather than closed it. A silent hub will not answer
 * at the same address a moment later either, and knocking there first would cost
 * HUB_CONNECT_TIMEOUT_MS; a closed link (a restart, a kill, a blip the hub saw too) may well be back.
 */
export function wentSilent(reason: string): boolean {
  return reason === 'ping timeout';
}

const originOf = (url: string): string | null => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/**
 * The hubs worth trying, each once, on the same scheme (a page loaded over HTTPS cannot open plain
 * HTTP; phones need HTTPS for the camera), the others in the order the server listed them. The one
 * just lost comes first (a blip, a restart keeps everyone where they were), or last when it went
 * silent (wentSilent).
 */
export function hubCandidates(home: string, hubs: readonly string[], silent = false): string[] {
  const own = originOf(home);
  if (own === null) return [home];
  const scheme = new URL(own).protocol;
  const others = [
    ...new Set(
      hubs
        .map(originOf)
        .filter((o): o is string => o !== null && o !== own && new URL(o).protocol === scheme),
    ),
  ];
  return silent ? [...others, own] : [own, ...others];
}

/**
 * Where the `attempt`-th retry (0 first) goes and after how long. The first retry goes to the first
 * candidate (the same hub, unless it went silent); every later one moves on to the next hub in
 * turn, so with a dead hub the client is on another one within a second or two, and never later than
 * the 5 s docs/SCALING.md promises. The jitter (±20 %) keeps hundreds of phones from knocking on the
 * surviving hub in the same millisecond.
 */
export function nextHubAttempt(
  home: string,
  hubs: readonly string[],
  attempt: number,
  random: () => number = Math.random,
  silent = false,
): HubAttempt {
  const candidates = hubCandidates(home, hubs, silent);
  const url = candidates[attempt % candidates.length] ?? home;
  const base = Math.min(HUB_RETRY_FIRST_MS * 2 ** Math.min(attempt, 10), HUB_RETRY_MAX_MS);
  return { url, delayMs: Math.round(base * (0.8 + 0.4 * random())) };
}

/**
 * Where a page's HTTP call goes: the path as it is while the hub that served the page is the one
 * its socket is on; that hub's origin before it once the page moved to another (its own hub gone),
 * so the organiser's screens go on working through the hub the show goes on through.
 */
export function hubPath(path: string, hub: string | null, pageOrigin: string): string {
  // An address of its own (another site, a data: URL) is not the hub's to answer.
  if (!path.startsWith('/')) return path;
  const origin = hub === null ? null : originOf(hub);
  return origin === null || origin === pageOrigin ? path : `${origin}${path}`;
}

/** hubPath as a whole address: for what a person reads or a QR code carries (never relative). */
export function hubUrl(path: string, hub: string | null, pageOrigin: string): string {
  return new URL(hubPath(path, hub, pageOrigin), pageOrigin).href;
}

/**
 * The hubs a client keeps: the ones a hub just listed (alive now, in its order) first, then those it
 * knew before (from the pairing QR, an earlier list) that are missing now: a hub that is down while
 * the list is made comes back at the same address, and the client should still know to try it.
 */
export function mergeHubs(listed: readonly string[], known: readonly string[]): string[] {
  const seen = new Set<string>();
  const merged: string[] = [];
  for (const url of [...listed, ...known]) {
    const origin = originOf(url);
    if (origin === null || seen.has(origin)) continue;
    seen.add(origin);
    merged.push(origin);
  }
  return merged;
}

/** The query parameter of a pairing link that carries every hub's address, comma-separated. */
export const PAIRING_HUBS_PARAM = 'hubs';

/**
 * The link a pairing QR opens: the app on `origin` with its one-time code (`path`, e.g.
 * `/checkin/?pair=CODE`), plus every other hub the device could use (same scheme as `origin`, which
 * a phone's page cannot leave), so it knows them before it ever reaches /api/info.
 */
export function pairingLink(origin: string, path: string, hubs: readonly string[]): string {
  const url = new URL(path, origin);
  const others = hubCandidates(origin, hubs).slice(1);
  if (others.length > 0) url.searchParams.set(PAIRING_HUBS_PARAM, others.join(','));
  return url.toString();
}

/** The hubs a pairing link carries (`?hubs=…`), as origins; junk is dropped. */
export function hubsInPairingLink(search: string): string[] {
  const listed = new URLSearchParams(search).get(PAIRING_HUBS_PARAM) ?? '';
  return mergeHubs(listed.split(',').filter(Boolean), []);
}
