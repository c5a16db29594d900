// Uploading one image to POST /api/images. XMLHttpRequest rather than fetch: only it reports upload
// progress. The body is the file itself (no form encoding); a visitor without a session becomes a
// guest first.
import type { ImageInfo } from '@/lib/files/image-parts';
import { startGuestSession } from './guest-session';

export type UploadResult = { ok: true; image: ImageInfo } | { ok: false; code: string; message: string };

const networkFailure: UploadResult = { ok: false, code: 'network', message: 'The upload was interrupted. Check your connection, then remove the image and attach it again.' };

function send(file: File, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<UploadResult & { status: number }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/images');
    xhr.setRequestHeader('x-filename', encodeURIComponent(file.name));
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.upload.onload = () => onProgress(1);
    xhr.onload = () => {
      const body = xhr.response as { image?: ImageInfo; error?: { code: string; message: string } } | null;
      if (xhr.status === 201 && body?.image) resolve({ ok: true, image: body.image, status: xhr.status });
      else if (body?.error) resolve({ ok: false, ...body.error, status: xhr.status });
      else resolve({ ...networkFailure, message: `The server could not take the image (HTTP ${xhr.status}). Try again in a moment.`, status: xhr.status } as UploadResult & { status: number });
    };
    xhr.onerror = () => resolve({ ...networkFailure, status: 0 } as UploadResult & { status: number });
    xhr.onabort = () => resolve({ ok: false, code: 'aborted', message: 'Upload cancelled.', status: 0 });
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

export async function uploadImageFile(file: File, { onProgress, signal, signedIn }: { onProgress(fraction: number): void; signal: AbortSignal; signedIn: boolean }): Promise<UploadResult> {
  let result = await send(file, onProgress, signal);
  if (!result.ok && result.code === 'unauthenticated' && !signedIn) {
    try {
      await startGuestSession();
    } catch (error) {
      return { ok: false, code: 'unauthenticated', message: (error as Error).message };
    }
    onProgress(0);
    result = await send(file, onProgress, signal);
  }
  if (!result.ok && result.code === 'unauthenticated') return { ok: false, code: 'unauthenticated', message: 'Your session has ended. Sign in again to attach images.' };
  const { status: _status, ...rest } = result;
  return rest;
}
