// Which memories a turn gets: the pinned ones (a name, units, language: they apply everywhere)
// plus the few most relevant to the message. Relevance is PostgreSQL full-text ranking today;
// the selector is an interface so an embedding-based one can replace it.
import 'server-only';
import { STOP_WORDS, words } from '@/lib/ai/offline-answers';
import { pinnedMemories, rankMemories, type MemoryRecord } from '@/lib/db/memories';

export interface MemorySelector {
  relevant(userId: string, text: string, limit: number): Promise<MemoryRecord[]>;
}

/** The words of a message that can carry meaning (no stop words, no one- or two-letter words). */
export function searchTerms(text: string): string[] {
  const seen = new Set<string>();
  for (const word of words(text)) {
    const key = word.toLowerCase();
    if (key.length >= 3 && !STOP_WORDS.has(key)) seen.add(key);
  }
  return [...seen].slice(0, 24);
}

export const fullTextSelector: MemorySelector = {
  relevant: (userId, text, limit) => rankMemories(userId, searchTerms(text), limit),
};

export interface UsedMemory {
  id: string;
  content: string;
}

export interface MemoriesForTurnOptions {
  limit?: number;
  selector?: MemorySelector;
  /** The user's pinned memories, if read already. */
  pinned?: MemoryRecord[];
  /** How many others the user has, if counted already (none: nothing to search). */
  others?: number;
}

/** The memories an answer uses: every pinned one, then the most relevant to the text. */
export async function memoriesForTurn(userId: string, text: string, { limit = 6, selector = fullTextSelector, pinned: known, others }: MemoriesForTurnOptions = {}): Promise<UsedMemory[]> {
  const [pinned, relevant] = await Promise.all([known ?? pinnedMemories(userId), others === 0 ? [] : selector.relevant(userId, text, limit)]);
  const chosen = [...pinned, ...relevant.filter((memory) => !pinned.some((p) => p.id === memory.id))];
  return chosen.map((memory) => ({ id: memory.id, content: memory.content }));
}
