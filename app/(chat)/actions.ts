'use server';
// Thin server actions: validate, find the user, then call one function in lib/. They return
// ActionResult values instead of throwing, because Next.js hides thrown messages in production.
// Every action that touches a chat checks it is the caller's; someone else's chat and a missing
// one get the same not-found answer. app/isolation.test.ts tries every export here as a stranger.
import { getCurrentUser, requireUser } from '@/lib/auth/session';
import { getChat, listChats, renameChat as renameChatRecord, setChatTemporary, restoreChat as restoreChatRecord, searchChats as searchChatRecords, softDeleteChat } from '@/lib/db/chats';
import { listMessages } from '@/lib/db/messages';
import { activeShare, createShare, revokeShares } from '@/lib/db/shares';
import { FlintError, notFound, type ActionResult } from '@/lib/errors';
import { quotaStatus } from '@/lib/quota';
import { controlAgent, generatingChats, resumeTurn, stopTurn, type Resumed } from '@/lib/runs/turn';
import type { ChatPage, ChatSummary, QuotaStatus } from '@/lib/types';
import { attempt, describeInvalid, invalid } from './results';
import { agentControlSchema, chatIdSchema, listChatsSchema, renameChatSchema, searchChatsSchema, temporarySchema } from './schema';

/** Stops the answer being written in a chat, on the server (the upstream request is aborted). */
export async function stopChatGeneration(input: unknown): Promise<ActionResult<{ stopped: boolean }>> {
  const parsed = chatIdSchema.safeParse(input);
  if (!parsed.success) return invalid('The request was malformed. Reload the page and try again.');
  return attempt(async () => {
    return { stopped: await stopTurn(await requireUser(), parsed.data.chatId) };
  });
}

/** Cancels one running or queued sub-agent of a Thinking run; the synthesis goes on without it. */
export async function cancelAgent(input: unknown): Promise<ActionResult<{ cancelled: boolean }>> {
  const parsed = agentControlSchema.safeParse(input);
  if (!parsed.success) return invalid('The request was malformed. Reload the page and try again.');
  const { chatId, agentId } = parsed.data;
  return attempt(async () => ({ cancelled: await controlAgent(await requireUser(), chatId, agentId, 'cancel') }));
}

/** Starts one sub-agent of a Thinking run over (running, failed or cancelled), while the sub-agents work. */
export async function retryAgent(input: unknown): Promise<ActionResult<{ retried: boolean }>> {
  const parsed = agentControlSchema.safeParse(input);
  if (!parsed.success) return invalid('The request was malformed. Reload the page and try again.');
  const { chatId, agentId } = parsed.data;
  return attempt(async () => ({ retried: await controlAgent(await requireUser(), chatId, agentId, 'retry') }));
}

/** Rejoins the answer still being written in a chat, or null when there is none. */
export async function resumeChatStream(input: unknown): Promise<ActionResult<Resumed>> {
  const parsed = chatIdSchema.safeParse(input);
  if (!parsed.success) return invalid('The request was malformed. Reload the page and try again.');
  return attempt(async () => resumeTurn(await requireUser(), parsed.data.chatId));
}

/** A page of the caller's chats, newest first. */
export async function listRecentChats(input: unknown = {}): Promise<ActionResult<ChatPage>> {
  const parsed = listChatsSchema.safeParse(input ?? {});
  if (!parsed.success) return invalid('The request was malformed. Reload the page and try again.');
  return attempt(async () => {
    const user = await getCurrentUser();
    return user ? listChats(user.id, { cursor: parsed.data.cursor }) : { chats: [], nextCursor: null };
  });
}

/** Full-text search over the caller's chat titles and messages. */
export async function searchChats(input: unknown): Promise<ActionResult<ChatSummary[]>> {
  const parsed = searchChatsSchema.safeParse(input);
  if (!parsed.success) return invalid('Search for at most 200 characters.');
  return attempt(async () => {
    const user = await getCurrentUser();
    return user ? searchChatRecords(user.id, parsed.data.query) : [];
  });
}

export async function renameChat(input: unknown): Promise<ActionResult<{ title: string }>> {
  const parsed = renameChatSchema.safeParse(input);
  if (!parsed.success) return invalid(describeInvalid(parsed.error.issues));
  return attempt(async () => {
    const user = await requireUser();
    if (!(await renameChatRecord(user.id, parsed.data.chatId, parsed.data.title))) throw notFound();
    return { title: parsed.data.title };
  });
}

/** Deletes a chat; it can be restored for a minute (undo). A running answer in it is stopped. */
export async function deleteChat(input: unknown): Promise<ActionResult<{ deleted: true }>> {
  const parsed = chatIdSchema.safeParse(input);
  if (!parsed.success) return invalid('The request was malformed. Reload the page and try again.');
  return attempt(async () => {
    const user = await requireUser();
    await stopTurn(user, parsed.data.chatId);
    if (!(await softDeleteChat(user.id, parsed.data.chatId))) throw notFound();
    return { deleted: true as const };
  });
}

export async function restoreChat(input: unknown): Promise<ActionResult<{ restored: true }>> {
  const parsed = chatIdSchema.safeParse(input);
  if (!parsed.success) return invalid('The request was malformed. Reload the page and try again.');
  return attempt(async () => {
    const user = await requireUser();
    if (!(await restoreChatRecord(user.id, parsed.data.chatId))) {
      throw new FlintError('not_found', 'This chat can no longer be restored.');
    }
    return { restored: true as const };
  });
}

/** The chat's public link, if it has one. */
export async function getChatShare(input: unknown): Promise<ActionResult<{ token: string; createdAt: string } | null>> {
  const parsed = chatIdSchema.safeParse(input);
  if (!parsed.success) return invalid('The request was malformed. Reload the page and try again.');
  return attempt(async () => {
    const user = await requireUser();
    if (!(await getChat(user.id, parsed.data.chatId))) throw notFound();
    const share = await activeShare(user.id, parsed.data.chatId);
    return share ? { token: share.token, createdAt: share.createdAt.toISOString() } : null;
  });
}

/** Publishes a read-only snapshot of the chat as it is now, replacing any earlier link. */
export async function shareChat(input: unknown): Promise<ActionResult<{ token: string; createdAt: string }>> {
  const parsed = chatIdSchema.safeParse(input);
  if (!parsed.success) return invalid('The request was malformed. Reload the page and try again.');
  return attempt(async () => {
    const user = await requireUser();
    const chat = await getChat(user.id, parsed.data.chatId);
    if (!chat) throw notFound();
    const messages = (await listMessages(chat.id)).filter((m) => m.metadata?.status !== 'streaming');
    if (messages.length === 0) throw new FlintError('bad_request', 'There is nothing to share yet. Send a message first.');
    const share = await createShare(user.id, chat.id, chat.title, messages);
    return { token: share.token, createdAt: share.createdAt.toISOString() };
  });
}

export async function revokeChatShare(input: unknown): Promise<ActionResult<{ revoked: number }>> {
  const parsed = chatIdSchema.safeParse(input);
  if (!parsed.success) return invalid('The request was malformed. Reload the page and try again.');
  return attempt(async () => {
    const user = await requireUser();
    if (!(await getChat(user.id, parsed.data.chatId))) throw notFound();
    return { revoked: await revokeShares(user.id, parsed.data.chatId) };
  });
}

/** A temporary chat neither reads nor writes memory. */
export async function setTemporaryChat(input: unknown): Promise<ActionResult<{ temporary: boolean }>> {
  const parsed = temporarySchema.safeParse(input);
  if (!parsed.success) return invalid('The request was malformed. Reload the page and try again.');
  return attempt(async () => {
    const user = await requireUser();
    if (!(await setChatTemporary(user.id, parsed.data.chatId, parsed.data.temporary))) throw notFound();
    return { temporary: parsed.data.temporary };
  });
}

/** How many messages the caller has left today. */
export async function getQuota(): Promise<ActionResult<QuotaStatus | null>> {
  return attempt(async () => {
    const user = await getCurrentUser();
    return user ? quotaStatus(user) : null;
  });
}

/** The caller's chats with an answer being written right now, by any server instance. */
export async function listGeneratingChats(): Promise<ActionResult<string[]>> {
  return attempt(async () => {
    const user = await getCurrentUser();
    return user ? generatingChats(user.id) : [];
  });
}
