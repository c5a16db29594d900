import type { StateCreator } from 'zustand';
import type { ImageInfo } from '@/lib/files/image-parts';
import type { ModelOption } from '@/lib/types';

export type AttachmentState = 'uploading' | 'ready' | 'error';

/** An image in the composer: uploading (with progress), uploaded (with its server id) or refused. */
export interface Attachment {
  /** Local key (not the server id). */
  key: string;
  name: string;
  size: number;
  state: AttachmentState;
  /** Upload progress 0–1; at 1 while the server checks and re-encodes the image. */
  progress: number;
  /** An object URL of the file, shown until the server's thumbnail exists. */
  previewUrl?: string;
  image?: ImageInfo;
  error?: string;
}

export interface VisionSupport {
  /** Some configured model can see images. */
  available: boolean;
  /** The model that answers turns with images when the chosen one cannot see. */
  model: ModelOption | null;
}

export interface AttachmentsSlice {
  attachments: Attachment[];
  /** A message about attaching that belongs to no single image (too many, no model can see). */
  attachmentNotice: string | null;
  vision: VisionSupport;
  addAttachments(attachments: Attachment[]): void;
  updateAttachment(key: string, patch: Partial<Attachment>): void;
  removeAttachment(key: string): Attachment | undefined;
  /** Empties the composer's attachments (after sending), returning them. */
  takeAttachments(): Attachment[];
  setAttachmentNotice(notice: string | null): void;
}

export const createAttachmentsSlice: StateCreator<AttachmentsSlice, [], [], AttachmentsSlice> = (set, get) => ({
  attachments: [],
  attachmentNotice: null,
  vision: { available: true, model: null },
  addAttachments: (attachments) => set((state) => ({ attachments: [...state.attachments, ...attachments] })),
  updateAttachment: (key, patch) => set((state) => ({ attachments: state.attachments.map((a) => (a.key === key ? { ...a, ...patch } : a)) })),
  removeAttachment: (key) => {
    const removed = get().attachments.find((a) => a.key === key);
    set((state) => ({ attachments: state.attachments.filter((a) => a.key !== key), attachmentNotice: null }));
    return removed;
  },
  takeAttachments: () => {
    const taken = get().attachments;
    set({ attachments: [], attachmentNotice: null });
    return taken;
  },
  setAttachmentNotice: (attachmentNotice) => set({ attachmentNotice }),
});

/** Attachments that count against the per-message limit (refused ones do not). */
export const selectActiveAttachments = (s: AttachmentsSlice) => s.attachments.filter((a) => a.state !== 'error');
