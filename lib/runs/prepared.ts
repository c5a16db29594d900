// What a turn reads before the model can be asked (the chat, its history, the user's preferences,
// pinned memories and the chat's artifacts), read while the question is still being typed. The
// page asks for it when its composer gets text (prepareChatTurn); the send then only counts the
// message, picks the memories relevant to its text and asks the model.
//
// Reads are held per user and chat, for one send, for at most a minute, and only while nothing of
// the user's has changed since they began (lib/db/changes.ts counts every change: a chat deleted,
// an answer ended, a memory or a preference saved). They are held only on PGlite, where this
// process is the database's one writer; on a shared PostgreSQL, another instance could change what
// was read, so every send reads afresh there (its queries run side by side).
import 'server-only';
import { verifyNewChatToken } from '@/lib/chat-ids';
import { listLatestArtifacts, type ArtifactVersionRecord } from '@/lib/db/artifacts';
import { userChangeCount } from '@/lib/db/changes';
import { getChat, type ChatRecord } from '@/lib/db/chats';
import { databaseKind } from '@/lib/db/client';
import { getPreferences, pinnedMemories, unpinnedMemoryCount, type MemoryRecord, type PreferencesRecord } from '@/lib/db/memories';
import { listMessages } from '@/lib/db/messages';
import { notFound } from '@/lib/errors';
import type { FlintUIMessage } from '@/lib/types';

export interface TurnReads {
  /** The user's chat; null for a new chat, whose id the server minted (its token was checked). */
  chat: ChatRecord | null;
  /** The chat's messages so far. */
  history: FlintUIMessage[];
  preferences: PreferencesRecord;
  pinned: MemoryRecord[];
  /** How many memories the user has besides the pinned ones; counted only when read ahead. */
  otherMemories?: number;
  /** The latest version of each of the chat's artifacts. */
  artifacts: ArtifactVersionRecord[];
}

/** How long what was read is held for a send. */
export const PREPARED_FOR_MS = 60_000;
/** Held reads at most (the oldest go first). */
const MAX_HELD = 2_000;

interface Held {
  /** The user's change count when the reads began. */
  changes: number;
  at: number;
  /** Undefined when nothing is held (PostgreSQL). */
  reads: Promise<TurnReads | undefined>;
}

// On globalThis: the prepare route and the send's server action are bundled apart by Next.js.
const heldKey = Symbol.for('flint.prepared-turns');

function heldTurns(): Map<string, Held> {
  const g = globalThis as typeof globalThis & { [heldKey]?: Map<string, Held> };
  return (g[heldKey] ??= new Map());
}
const keyOf = (userId: string, chatId: string) => `${userId}\n${chatId}`;

export interface ReadTurnOptions {
  /** The chat's messages and artifacts too (a regeneration reads them after it has rewritten the chat). */
  contents?: boolean;
  /** Count the user's other memories, so a send for a user with none skips the relevance search (worth it when read ahead). */
  countMemories?: boolean;
}

/**
 * Everything a turn reads. Someone else's chat, a deleted one, and a new id without the server's
 * token all read as not found; the chat's messages are read only once it is known to be the user's.
 */
export async function readTurn(userId: string, chatId: string, newChatToken: string | undefined, { contents = true, countMemories = false }: ReadTurnOptions = {}): Promise<TurnReads> {
  const [chat, preferences, pinned, otherMemories] = await Promise.all([
    getChat(userId, chatId),
    getPreferences(userId),
    pinnedMemories(userId),
    countMemories ? unpinnedMemoryCount(userId) : undefined,
  ]);
  if (!chat && !(await verifyNewChatToken(chatId, newChatToken))) throw notFound();
  const [history, artifacts] = chat && contents ? await Promise.all([listMessages(chat.id), listLatestArtifacts(chat.id)]) : [[], []];
  return { chat, history, preferences, pinned, otherMemories, artifacts };
}

/**
 * Reads what a send into this chat will need and holds it for that send. Refuses, as not found,
 * a chat the user could not send into.
 */
export async function prepareTurn(userId: string, chatId: string, newChatToken: string | undefined): Promise<void> {
  const held = heldTurns();
  const key = keyOf(userId, chatId);
  // Held at once (a send arriving while the reads are under way waits for them); the count is
  // taken before any read begins.
  const changes = userChangeCount(userId);
  const reads = readTurn(userId, chatId, newChatToken, { countMemories: true }).then(async (read) => ((await databaseKind()) === 'pglite' ? read : undefined));
  const entry: Held = { changes, at: Date.now(), reads };
  held.delete(key);
  held.set(key, entry);
  for (const [oldest] of held) {
    if (held.size <= MAX_HELD) break;
    held.delete(oldest);
  }
  const forget = () => held.get(key) === entry && held.delete(key);
  try {
    // On PostgreSQL nothing is held, but the answer is the one a send would get.
    if (!(await reads)) forget();
  } catch (error) {
    forget();
    throw error;
  }
}

/**
 * What was read for the user's next send into this chat, if it is still good: read for this user,
 * less than PREPARED_FOR_MS ago, with no change to their data since. Taken once; a send that gets
 * nothing reads afresh. A read still under way is waited for.
 */
export async function takePreparedTurn(userId: string, chatId: string): Promise<TurnReads | undefined> {
  const held = heldTurns();
  const key = keyOf(userId, chatId);
  const entry = held.get(key);
  if (!entry) return undefined;
  held.delete(key);
  if (Date.now() - entry.at > PREPARED_FOR_MS) return undefined;
  const reads = await entry.reads.catch(() => undefined);
  return reads && userChangeCount(userId) === entry.changes ? reads : undefined;
}

/** Forgets every held read (tests). */
export function forgetPreparedTurnsForTests() {
  heldTurns().clear();
}
