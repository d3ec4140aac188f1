import { useEffect, useState } from 'react';
import { apiPath } from '@ceremony/shared/client';

let asked: Promise<string[]> | null = null;

/** The server's LAN addresses from GET /api/info, asked once per page; empty if it does not answer. */
export function loadLanUrls(): Promise<string[]> {
  asked ??= fetch(apiPath('/api/info'))
    .then((r) => (r.ok ? (r.json() as Promise<{ lanUrls?: unknown }>) : { lanUrls: [] }))
    .then((b) =>
      Array.isArray(b.lanUrls) ? b.lanUrls.filter((u): u is string => typeof u === 'string') : [],
    )
    .catch(() => {
      asked = null; // ask again next time: the server may just be restarting
      return [];
    });
  return asked;
}

/** The LAN addresses, once known. */
export function useLanUrls(): string[] {
  const [urls, setUrls] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    void loadLanUrls().then((u) => live && setUrls(u));
    return () => {
      live = false;
    };
  }, []);
  return urls;
}
