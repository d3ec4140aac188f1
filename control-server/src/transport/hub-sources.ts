/**
 * Where a page may reach the evening's hubs: the Content-Security-Policy sources that name them.
 *
 * A page's policy is fixed when it loads, and a page cannot take a new one without a reload, which
 * the projector may never do in front of the hall (nor a phone showing a scan). Named one by one,
 * the hubs known at that moment would be all the page could ever reach: a backup hub started after
 * the projector opened would be forbidden to it (its socket, its API, its media) exactly when the
 * main laptop dies. So, with several hubs possible (PostgreSQL), the sources are widened to what a
 * hub started later is likely to be:
 * - every port on each host already known (`http://HOST:*`): a second hub on the same machine;
 * - every host on each port the evening's hubs use (`http://*:PORT`): a second laptop set up like the
 *   first (the same PORT/HTTPS_PORT, as the docs tell the organiser).
 * What this gives away: a script injected into a page could also send to any host on those ports
 * (script-src is 'self' only, so injecting one is the hard part) and to any port of the hubs'
 * machines. Never `*:80`/`*:443`: that would be the whole web; hubs on the standard ports still need
 * every hub started before the screens open (docs/SCALING.md). The hubs' own checks stay exact: a
 * request from a page of any other origin is refused by every hub (hosts.ts, headers.ts).
 * IPv6 literals get no `HOST:*` (CSP has no syntax for them); `*:PORT` covers them.
 */
export interface HubSources {
  /** For img-src, media-src and connect-src (fetch): http(s) sources. */
  pages: string[];
  /** The same as WebSocket sources (ws/wss), for connect-src: older Safari does not derive them. */
  sockets: string[];
}

/** Ports whose wildcard would open every web server there is. */
const WHOLE_WEB_PORTS = new Set(['', '80', '443']);

/**
 * The policy's sources for the evening's hubs (base URLs): each hub's origin and, when hubs may
 * start after the page loaded (`later`), every port on their hosts and every host on their ports.
 */
export function hubSources(hubs: readonly string[], later: boolean): HubSources {
  const exact = new Set<string>();
  const wide = new Set<string>();
  for (const hub of hubs) {
    let url: URL;
    try {
      url = new URL(hub);
    } catch {
      continue; // not an address: nothing to allow
    }
    const { protocol, hostname, port, origin } = url;
    if (protocol !== 'http:' && protocol !== 'https:') continue;
    const scheme = protocol.slice(0, -1);
    const ipv6 = hostname.startsWith('[');
    if (later && !ipv6) wide.add(`${scheme}://${hostname}:*`);
    if (later && !WHOLE_WEB_PORTS.has(port)) wide.add(`${scheme}://*:${port}`);
    // An origin one of the wildcards already names would only lengthen the header.
    const covered = later && (!ipv6 || !WHOLE_WEB_PORTS.has(port));
    if (!covered) exact.add(origin);
  }
  const pages = [...exact, ...wide];
  return { pages, sockets: pages.map((s) => s.replace(/^http/, 'ws')) };
}
