// The `remember` tool: the model saves a short fact or preference about the user. A factory,
// because saving needs to know whose memory it is and which chat it came from.
import 'server-only';
import { tool, zodSchema } from 'ai';
import { z } from 'zod';
import { createMemory, findSameMemory } from '@/lib/db/memories';
import { secretReason } from '@/lib/memory/secrets';
import type { RememberOutput } from '@/lib/types';

export interface MemoryToolContext {
  userId: string;
  chatId: string;
  messageId: string;
}

export const rememberInput = z.object({
  memory: z.string().min(2).max(300).describe('One short sentence about the user, e.g. "Is vegetarian" or "Teaches physics to 15-year-olds".'),
  pinned: z
    .boolean()
    .optional()
    .describe('True for things that apply to every conversation: their name, language, units, tone.'),
});


/** Converted to JSON Schema once, not for every request (lib/ai/tools/index.ts says why). */
const rememberInputSchema = zodSchema(rememberInput);
export function rememberTool(context: MemoryToolContext) {
  return tool({
    description:
      'Save a durable fact or preference the user stated about themselves so later chats can use it. Use only for lasting facts (diet, name, job, units, preferences), never for passwords, card numbers, keys or other secrets.',
    inputSchema: rememberInputSchema,
    execute: async ({ memory, pinned }): Promise<RememberOutput> => {
      const content = memory.trim();
      const reason = secretReason(content);
      if (reason) return { saved: false, content, reason: `Not saved because ${reason}. Flint never keeps secrets in memory.` };
      const existing = await findSameMemory(context.userId, content);
      if (existing) return { saved: true, id: existing.id, content: existing.content, duplicate: true };
      const created = await createMemory(context.userId, { content, pinned, sourceChatId: context.chatId, sourceMessageId: context.messageId });
      return { saved: true, id: created.id, content: created.content };
    },
  });
}
