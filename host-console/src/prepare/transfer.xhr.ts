import type { Answer } from '@ceremony/shared';
import { apiPath } from '@ceremony/shared/client';

/** A request that reports its progress and can be cancelled: what a GB package needs and fetch lacks. */
export interface Transfer<T> {
  done: Promise<T>;
  cancel(): void;
}

const offline = { ok: false as const, error: { code: 'TIMEOUT' as const, message: '' } };

/** Sends a file's bytes as the request body; `onProgress(sent, total)` as the upload goes. */
export function uploadFile<T extends object>(
  url: string,
  token: string,
  file: Blob,
  onProgress: (sent: number, total: number) => void,
): Transfer<Answer<T> | 'cancelled'> {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Answer<T> | 'cancelled'>((resolve) => {
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      try {
        resolve(JSON.parse(xhr.responseText) as Answer<T>);
      } catch {
        resolve(offline);
      }
    };
    xhr.onerror = () => resolve(offline);
    xhr.onabort = () => resolve('cancelled');
  });
  xhr.open('POST', apiPath(url));
  xhr.setRequestHeader('authorization', `Bearer ${token}`);
  xhr.setRequestHeader('content-type', 'application/octet-stream');
  xhr.send(file);
  return { done, cancel: () => xhr.abort() };
}

/** Fetches a file as a Blob with progress; null when the server refused or the link dropped. */
export function downloadFile(
  url: string,
  token: string,
  onProgress: (received: number) => void,
): Transfer<Blob | null> {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Blob | null>((resolve) => {
    xhr.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => resolve(xhr.status === 200 ? (xhr.response as Blob) : null);
    xhr.onerror = () => resolve(null);
    xhr.onabort = () => resolve(null);
  });
  xhr.open('GET', apiPath(url));
  xhr.responseType = 'blob';
  xhr.setRequestHeader('authorization', `Bearer ${token}`);
  xhr.send();
  return { done, cancel: () => xhr.abort() };
}

/** The file name the server chose (Content-Disposition), or a dated default. */
export const packageFileName = () => `ceremony-${new Date().toISOString().slice(0, 10)}.ceremony`;
