import { z } from 'zod';
import { MAX_IMAGES_PER_MESSAGE } from '@/lib/files/limits';
import { chatModes } from '@/lib/types';

export const MAX_MESSAGE_CHARS = 32_000;

const id = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be an id');
const modelRef = z.string().max(200).regex(/^[a-z-]+:.+$/).optional();

export const sendMessageSchema = z.discriminatedUnion('trigger', [
  z.object({
    trigger: z.literal('submit-message'),
    chatId: id,
    message: z
      .object({
        id,
        text: z.string().refine((text) => text.length <= MAX_MESSAGE_CHARS, `Messages can be at most ${MAX_MESSAGE_CHARS.toLocaleString('en')} characters.`),
        /** Ids of images the user uploaded for this message (their bytes never travel here). */
        attachments: z
          .array(id)
          .max(100)
          .refine((ids) => ids.length <= MAX_IMAGES_PER_MESSAGE, `You can attach up to ${MAX_IMAGES_PER_MESSAGE} images per message.`)
          .refine((ids) => new Set(ids).size === ids.length, 'The same image is attached twice. Remove one and send again.')
          .default([]),
      })
      .refine((message) => message.text.trim().length > 0 || message.attachments.length > 0, { message: 'Type a message before sending.', path: ['text'] }),
    mode: z.enum(chatModes),
    model: modelRef,
    /** Sent with the first message of a new chat: the server's signature of its id. */
    newChatToken: z.string().max(100).optional(),
    /** For a new chat: start it as a temporary chat (no memory). */
    temporary: z.boolean().optional(),
  }),
  z.object({
    trigger: z.literal('regenerate-message'),
    chatId: id,
    messageId: id,
    mode: z.enum(chatModes),
    model: modelRef,
  }),
]);
export type SendMessageInput = z.input<typeof sendMessageSchema>;

export const chatIdSchema = z.object({ chatId: id });

export const listChatsSchema = z.object({ cursor: z.string().max(200).optional() });

export const searchChatsSchema = z.object({ query: z.string().max(200) });

export const renameChatSchema = z.object({
  chatId: id,
  title: z
    .string()
    .transform((title) => title.replace(/\s+/g, ' ').trim())
    .refine((title) => title.length > 0, 'Give the chat a name.')
    .refine((title) => title.length <= 120, 'Chat names can be at most 120 characters.'),
});

export const temporarySchema = z.object({ chatId: id, temporary: z.boolean() });

/** One sub-agent of the Thinking run being written in a chat. */
export const agentControlSchema = z.object({ chatId: id, agentId: id });
