/**
 * Whether a directive of a Content-Security-Policy lets a page reach `url`, by CSP3's host-source
 * matching (scheme, with http→https and ws→wss upgrades; host or `*`; port or `*`). Only the
 * host-sources the hubs' policy uses: 'self', data: and blob: never name another hub.
 */
export function allows(policy: string, directive: string, url: string): boolean {
  const line = policy
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${directive} `));
  if (!line) throw new Error(`no ${directive} in ${policy}`);
  const target = new URL(url);
  const scheme = target.protocol.slice(0, -1);
  const defaultPort = (s: string) => (s === 'https' || s === 'wss' ? '443' : '80');
  const port = target.port || defaultPort(scheme);
  return line
    .split(/\s+/)
    .slice(1)
    .some((source) => {
      const m = /^([a-z]+):\/\/(\*|\[[^\]]+\]|[^:/]+)(?::(\*|\d+))?$/.exec(source);
      if (!m) return false;
      const [, s, host, p] = m as unknown as [string, string, string, string | undefined];
      const schemeOk =
        s === scheme || (s === 'http' && scheme === 'https') || (s === 'ws' && scheme === 'wss');
      const hostOk = host === '*' || host === target.hostname;
      const portOk = p === '*' || (p ?? defaultPort(s)) === port;
      return schemeOk && hostOk && portOk;
    });
}
