'use client';
// Adding images to the composer from the file picker, a drop or a paste: checks what the browser can
// check at once (how many, how big, whether any model can see images), then uploads the rest, a few
// at a time, updating each chip's progress. The server decides everything else from the bytes.
import { useCallback, useEffect, useMemo } from 'react';
import { MAX_IMAGE_BYTES, MAX_IMAGES_PER_MESSAGE, tooLargeMessage, tooManyImagesMessage } from '@/lib/files/limits';
import { selectActiveAttachments, useFlintStoreApi, type Attachment } from '@/lib/store';
import { uploadImageFile } from './image-upload';

const PARALLEL_UPLOADS = 3;

/** Upload controllers and the queue live outside React state: they are not rendered. */
const controllers = new Map<string, AbortController>();
let active = 0;
const queue: Array<() => void> = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (active >= PARALLEL_UPLOADS) await new Promise<void>((resolve) => queue.push(resolve));
  active++;
  try {
    return await work();
  } finally {
    active--;
    queue.shift()?.();
  }
}

/** Browsers can show these before the server has made a thumbnail (not HEIC). */
const PREVIEWABLE = /^image\/(jpeg|png|webp|gif|avif)$/;

export const NO_VISION_NOTICE = 'None of the configured models can see images, so images cannot be sent. Ask whoever runs Flint to set up a model that can (for example FLINT_VISION_MODEL).';

export function useAttachments() {
  const store = useFlintStoreApi();

  const upload = useCallback(
    async (attachment: Attachment, file: File) => {
      const controller = new AbortController();
      controllers.set(attachment.key, controller);
      const state = store.getState();
      const result = await slot(() =>
        controller.signal.aborted
          ? Promise.resolve({ ok: false as const, code: 'aborted', message: '' })
          : uploadImageFile(file, {
              signal: controller.signal,
              signedIn: Boolean(state.viewer && !state.viewer.isGuest),
              onProgress: (progress) => store.getState().updateAttachment(attachment.key, { progress }),
            }),
      );
      controllers.delete(attachment.key);
      if (controller.signal.aborted) return;
      if (result.ok) {
        if (!store.getState().viewer) store.setState({ viewer: { name: 'Guest', email: null, isGuest: true } });
        store.getState().updateAttachment(attachment.key, { state: 'ready', progress: 1, image: result.image });
      } else {
        store.getState().updateAttachment(attachment.key, { state: 'error', error: result.message });
      }
    },
    [store],
  );

  const addFiles = useCallback(
    (files: File[]) => {
      if (files.length === 0) return;
      const state = store.getState();
      if (!state.vision.available) {
        state.setAttachmentNotice(NO_VISION_NOTICE);
        return;
      }
      const room = MAX_IMAGES_PER_MESSAGE - selectActiveAttachments(state).length;
      const accepted = files.slice(0, Math.max(0, room));
      const skipped = files.length - accepted.length;
      state.setAttachmentNotice(skipped > 0 ? tooManyImagesMessage(skipped) : null);
      const added = accepted.map((file) => {
        const tooLarge = file.size > MAX_IMAGE_BYTES;
        const attachment: Attachment = {
          key: crypto.randomUUID(),
          name: file.name || 'Pasted image',
          size: file.size,
          state: tooLarge ? 'error' : 'uploading',
          progress: 0,
          ...(tooLarge ? { error: tooLargeMessage(file.name, file.size) } : {}),
          ...(!tooLarge && PREVIEWABLE.test(file.type) ? { previewUrl: URL.createObjectURL(file) } : {}),
        };
        return { attachment, file };
      });
      state.addAttachments(added.map((a) => a.attachment));
      for (const { attachment, file } of added) if (attachment.state === 'uploading') void upload(attachment, file);
    },
    [store, upload],
  );

  const remove = useCallback(
    (key: string) => {
      controllers.get(key)?.abort();
      controllers.delete(key);
      const removed = store.getState().removeAttachment(key);
      if (removed?.previewUrl) URL.revokeObjectURL(removed.previewUrl);
    },
    [store],
  );

  // Leaving the chat drops what was not sent (uploads stop; the server forgets unsent images after a day).
  useEffect(
    () => () => {
      for (const attachment of store.getState().takeAttachments()) {
        controllers.get(attachment.key)?.abort();
        if (attachment.previewUrl) URL.revokeObjectURL(attachment.previewUrl);
      }
    },
    [store],
  );

  return useMemo(() => ({ addFiles, remove }), [addFiles, remove]);
}

/** Image files in a drop or paste (folders and other kinds of data are ignored). */
export function filesFrom(data: DataTransfer | null): File[] {
  if (!data) return [];
  return [...data.files].filter((file) => file.size > 0 || file.type.startsWith('image/') || /\.[a-z0-9]+$/i.test(file.name));
}
