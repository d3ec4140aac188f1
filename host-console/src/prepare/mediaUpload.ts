import { refusal, mediaUrl, type Answer, type MediaKind } from '@ceremony/shared';
import { apiPath } from '@ceremony/shared/client';

export interface Uploaded {
  media: { name: string; kind: MediaKind; bytes: number };
}

/**
 * PUT /api/admin/media/{name} with the file's bytes as they are. XMLHttpRequest, not fetch: only it
 * reports upload progress, and abort() cuts the connection, which the server takes as "nothing kept".
 */
export function uploadMedia(
  file: File,
  token: string,
  onProgress: (sent: number, total: number) => void,
): { done: Promise<Answer<Uploaded> | 'aborted'>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Answer<Uploaded> | 'aborted'>((resolve) => {
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onabort = () => resolve('aborted');
    xhr.onerror = () => resolve(refusal('TIMEOUT', 'error.code.TIMEOUT'));
    xhr.onload = () => {
      try {
        resolve(JSON.parse(xhr.responseText) as Answer<Uploaded>);
      } catch {
        resolve(refusal('INTERNAL', 'error.code.INTERNAL'));
      }
    };
  });
  xhr.open('PUT', apiPath(`/api/admin${mediaUrl(file.name)}`));
  xhr.setRequestHeader('authorization', `Bearer ${token}`);
  xhr.setRequestHeader('content-type', 'application/octet-stream');
  xhr.send(file);
  return { done, abort: () => xhr.abort() };
}

/** DELETE /api/admin/media/{name}. */
export async function deleteMedia(name: string, token: string): Promise<Answer> {
  try {
    const res = await fetch(apiPath(`/api/admin${mediaUrl(name)}`), {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    return (await res.json()) as Answer;
  } catch {
    return refusal('TIMEOUT', 'error.code.TIMEOUT');
  }
}
