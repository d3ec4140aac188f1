import { useCallback, useMemo } from 'react';
import { refusal, type Answer } from '@ceremony/shared';
import { useSession } from '@ceremony/shared/ui';
import { apiPath } from '@ceremony/shared/client';

/** Calls to the admin API with this device's token; every answer is the shared Answer shape. */
export interface AdminApi {
  get<T extends object>(path: string): Promise<Answer<T>>;
  post<T extends object>(path: string, body?: unknown): Promise<Answer<T>>;
  put<T extends object>(path: string, body?: unknown): Promise<Answer<T>>;
  del<T extends object>(path: string): Promise<Answer<T>>;
  /** Sends a file's bytes as they are (the server tells CSV from .xlsx, and the encoding, by the bytes). */
  upload<T extends object>(path: string, file: Blob): Promise<Answer<T>>;
  /** Opens a printable page (badges, report) in a new tab: fetched with the token, shown as a blob. */
  openPage(path: string): Promise<void>;
  /** Saves a file the server makes (CSV, JSON) under its own name. */
  download(path: string, name: string): Promise<void>;
}

const offline = refusal('TIMEOUT', 'error.code.TIMEOUT');

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body ?? {}),
});

export function useAdminApi(): AdminApi {
  const { session } = useSession();
  const auth = useMemo(() => ({ authorization: `Bearer ${session.token}` }), [session.token]);

  const call = useCallback(
    async <T extends object>(path: string, init: RequestInit = {}): Promise<Answer<T>> => {
      try {
        const res = await fetch(apiPath(path), { ...init, headers: { ...auth, ...(init.headers ?? {}) } });
        return (await res.json()) as Answer<T>;
      } catch {
        return offline;
      }
    },
    [auth],
  );

  const blob = useCallback(
    async (path: string): Promise<Blob | null> => {
      try {
        const res = await fetch(apiPath(path), { headers: auth });
        return res.ok ? await res.blob() : null;
      } catch {
        return null;
      }
    },
    [auth],
  );

  return useMemo(
    () => ({
      get: (path) => call(path),
      post: (path, body) => call(path, json('POST', body)),
      put: (path, body) => call(path, json('PUT', body)),
      del: (path) => call(path, { method: 'DELETE' }),
      upload: (path, file) =>
        call(path, {
          method: 'POST',
          headers: { 'content-type': file.type || 'application/octet-stream' },
          body: file,
        }),
      async openPage(path) {
        // The tab opens at once (a popup blocker allows it during the click), then gets the page.
        const tab = window.open('', '_blank');
        const page = await blob(path);
        if (!page) return void tab?.close();
        const url = URL.createObjectURL(page);
        if (tab) tab.location.href = url;
        else window.location.href = url;
      },
      async download(path, name) {
        const file = await blob(path);
        if (!file) return;
        const a = document.createElement('a');
        a.href = URL.createObjectURL(file);
        a.download = name;
        a.click();
        setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
      },
    }),
    [call, blob],
  );
}
