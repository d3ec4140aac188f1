import { useEffect, useState } from 'react';
import { hubPath } from '@ceremony/shared';
import { useShow } from '@ceremony/shared/ui';

const asked = new Map<string, Promise<string[]>>();

/**
 * A hub's LAN addresses from its GET /api/info, asked once per hub (`null`: the page's own, before
 * the first connect); empty if it does not answer. A projector that moved to another hub asks that one.
 */
export function loadLanUrls(hub: string | null): Promise<string[]> {
  const key = hub ?? '';
  let answer = asked.get(key);
  if (!answer) {
    answer = fetch(hubPath('/api/info', hub, window.location.origin))
      .then((r) => (r.ok ? (r.json() as Promise<{ lanUrls?: unknown }>) : { lanUrls: [] }))
      .then((b) =>
        Array.isArray(b.lanUrls) ? b.lanUrls.filter((u): u is string => typeof u === 'string') : [],
      )
      .catch(() => {
        asked.delete(key); // ask again next time: the server may just be restarting
        return [];
      });
    asked.set(key, answer);
  }
  return answer;
}

/** The LAN addresses of the hub this page is on now, once known. */
export function useLanUrls(): string[] {
  const hub = useShow((s) => s.hub);
  const [urls, setUrls] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    void loadLanUrls(hub).then((u) => live && setUrls(u));
    return () => {
      live = false;
    };
  }, [hub]);
  return urls;
}
