// The one way a chat history becomes a model request: UI messages (with image parts that only name
// an image, /api/images/<id>) in, model messages out, with each image's bytes sized for the
// receiving models (lib/files/model-size.ts). Every mode uses it: Instant for its answer, Thinking
// for the planner, each sub-agent and the synthesis.
import 'server-only';
import { convertToModelMessages, type FilePart, type ModelMessage, type TextPart } from 'ai';
import { DEFAULT_IMAGE_EDGE } from '@/lib/ai/models';
import { describeArtifactPart, isArtifactToolPart } from '@/lib/artifacts/collect';
import { imageIdOf } from '@/lib/files/image-parts';
import { modelImages, type ModelImageSet } from '@/lib/files/images';
import type { FlintUIMessage } from '@/lib/types';

export interface ModelMessageOptions {
  /** The longest image edge the receiving models take (RoleModel.imageEdge). */
  imageEdge?: number;
  /** Only this user's images are loaded (the chat's owner). */
  userId?: string;
}

/**
 * Only what a model should see: the text and files of earlier turns. An artifact an answer made
 * reads as a one-line note with its id (its latest content is in the instructions), so the history
 * is plain text that any model, with or without tools, accepts.
 */
export function historyForModel(history: FlintUIMessage[]) {
  return history
    .map((message) => ({
      role: message.role,
      parts: message.parts.flatMap((part) => {
        if (part.type === 'text' || part.type === 'file') return [part];
        const note = isArtifactToolPart(part) ? describeArtifactPart(part) : undefined;
        return note ? [{ type: 'text' as const, text: note }] : [];
      }),
    }))
    .filter((message) => message.parts.some((part) => part.type !== 'text' || part.text.trim()));
}

/** Text parts Flint adds around images; the offline model leaves them out of what it restates. */
export const IMAGE_NOTE = { flint: { imageNote: true } };

function note(text: string): TextPart {
  return { type: 'text', text, providerOptions: IMAGE_NOTE };
}

function imageContent(set: ModelImageSet | undefined, filename: string | undefined): Array<TextPart | FilePart> {
  if (!set) return [note(`[An attached image${filename ? ` (“${filename}”)` : ''} is no longer available.]`)];
  if (set.parts.length === 1) {
    const [image] = set.parts;
    return [{ type: 'file', data: new Uint8Array(image!.bytes), mediaType: image!.mediaType, filename: set.filename }];
  }
  const count = set.parts.length;
  return [
    note(
      `[Image “${set.filename}” (${set.width} × ${set.height} px) is sent in ${count} parts so its text stays readable: in reading order, top to bottom then left to right, with a small overlap between neighbours.]`,
    ),
    ...set.parts.map((image, i): FilePart => ({ type: 'file', data: new Uint8Array(image.bytes), mediaType: image.mediaType, filename: `${set.filename} (part ${i + 1} of ${count})` })),
  ];
}

/**
 * Model messages for a UI history. Image parts become the image bytes (or tiles of a large
 * screenshot, with a note); an image that no longer exists becomes a short note.
 */
export async function toModelMessages(history: FlintUIMessage[], { imageEdge = DEFAULT_IMAGE_EDGE, userId }: ModelMessageOptions = {}): Promise<ModelMessage[]> {
  const visible = historyForModel(history);
  const ids = visible.flatMap((message) => message.parts.flatMap((part) => imageIdOf(part) ?? []));
  const images = ids.length ? await modelImages(ids, imageEdge, userId) : new Map<string, ModelImageSet>();
  // Image parts hold a path, not bytes: they pass through the SDK's conversion as placeholders.
  const placeholders = visible.map((message) => ({
    ...message,
    parts: message.parts.map((part) => {
      const id = part.type === 'file' ? imageIdOf(part) : undefined;
      return id && part.type === 'file' ? { type: 'text' as const, text: `[image ${id}]`, providerMetadata: { flint: { imageId: id, filename: part.filename ?? '' } } } : part;
    }),
  }));
  const messages = await convertToModelMessages(placeholders);
  return messages.map((message) => {
    if (message.role !== 'user' || typeof message.content === 'string') return message;
    return {
      ...message,
      content: message.content.flatMap((part) => {
        const flint = part.providerOptions?.flint as { imageId?: string; filename?: string } | undefined;
        if (part.type !== 'text' || !flint?.imageId) return [part];
        return imageContent(images.get(flint.imageId), flint.filename || undefined);
      }),
    };
  });
}
