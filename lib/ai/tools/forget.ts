// The `forget` tool: the model deletes a memory the user asks it to forget.
import 'server-only';
import { tool, zodSchema } from 'ai';
import { z } from 'zod';
import { deleteMemory, listMemories } from '@/lib/db/memories';
import { searchTerms } from '@/lib/memory/select';
import type { ForgetOutput } from '@/lib/types';
import type { MemoryToolContext } from './remember';

/** Converted to JSON Schema once, not for every request (lib/ai/tools/index.ts says why). */
const forgetInput = zodSchema(z.object({ memory: z.string().min(2).max(300).describe('What to forget, in the user’s words or as saved.') }));

export function forgetTool(context: MemoryToolContext) {
  return tool({
    description: 'Delete a saved memory about the user when they ask you to forget something.',
    inputSchema: forgetInput,
    execute: async ({ memory }): Promise<ForgetOutput> => {
      const wanted = new Set(searchTerms(memory));
      const memories = await listMemories(context.userId);
      // The memory sharing the most words with the request.
      const best = memories
        .map((m) => ({ memory: m, overlap: searchTerms(m.content).filter((term) => wanted.has(term)).length }))
        .filter((candidate) => candidate.overlap > 0)
        .sort((a, b) => b.overlap - a.overlap)[0];
      if (!best) return { forgotten: false, content: memory, reason: 'No saved memory matched that.' };
      await deleteMemory(context.userId, best.memory.id);
      return { forgotten: true, id: best.memory.id, content: best.memory.content };
    },
  });
}
