// One turn of a chat: save the user's message, start the answer as a run, name a new chat.
import 'server-only';
import { ensureChat, getChat, setChatTitle } from '@/lib/db/chats';
import { createAssistantMessage, deleteMessagesFrom, listMessages, saveUserMessage, updateAssistantMessage } from '@/lib/db/messages';
import { FlintError, notFound } from '@/lib/errors';
import { streamInstantAnswer } from '@/lib/modes/instant';
import { agentControls } from '@/lib/modes/thinking/controls';
import { streamThinkingAnswer } from '@/lib/modes/thinking/run';
import { generateTitle } from '@/lib/modes/title';
import type { ChatMode, FlintUIMessage } from '@/lib/types';
import { activeRunForChat, startRun, subscribe, type Chunk } from './registry';

export type TurnRequest =
  | { kind: 'submit'; chatId: string; message: { id: string; text: string }; mode: ChatMode; model?: string }
  | { kind: 'regenerate'; chatId: string; messageId: string; mode: ChatMode; model?: string };

function textOf(message: FlintUIMessage | undefined) {
  return (message?.parts ?? []).flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('\n');
}

export async function startTurn(request: TurnRequest): Promise<ReadableStream<Chunk>> {
  if (activeRunForChat(request.chatId)) {
    throw new FlintError('busy', 'An answer is still being written in this chat. Wait for it to finish or stop it first.');
  }
  let isFirstMessage = false;
  if (request.kind === 'submit') {
    const { created } = await ensureChat(request.chatId, request.model ?? null);
    await saveUserMessage(request.chatId, { id: request.message.id, parts: [{ type: 'text', text: request.message.text }] });
    isFirstMessage = created;
  } else {
    if (!(await getChat(request.chatId))) throw notFound();
    const removed = await deleteMessagesFrom(request.chatId, request.messageId);
    if (!removed) throw new FlintError('not_found', 'That answer no longer exists. Reload the chat and try again.');
    await ensureChat(request.chatId, request.model ?? null);
  }

  const history = await listMessages(request.chatId);
  const lastUser = history.findLast((m) => m.role === 'user');
  if (!lastUser || history.at(-1)?.role !== 'user') {
    throw new FlintError('bad_request', 'There is no question to answer in this chat. Send a message first.');
  }

  const messageId = crypto.randomUUID();
  await createAssistantMessage(request.chatId, messageId, { status: 'streaming', mode: request.mode, createdAt: Date.now() });

  const run = startRun({
    id: messageId,
    chatId: request.chatId,
    produce: (write, signal) =>
      request.mode === 'thinking'
        ? streamThinkingAnswer({ messageId, history, preferredModel: request.model, signal }, write)
        : streamInstantAnswer({ messageId, history, mode: request.mode, preferredModel: request.model, signal }, write),
    persist: (message, status) => updateAssistantMessage(messageId, { parts: message.parts, metadata: message.metadata ?? {}, status }),
  });

  if (isFirstMessage) {
    void generateTitle(textOf(lastUser))
      .then(async (title) => {
        await setChatTitle(request.chatId, title);
        run.write({ type: 'data-chat-title', data: { chatId: request.chatId, title }, transient: true });
      })
      .catch((error) => console.error('[flint] could not save the chat title', error));
  }
  return subscribe(run.id)!;
}

/** The live answer of a chat, replayed from its start, or null when nothing is being written. */
export function resumeTurn(chatId: string): ReadableStream<Chunk> | null {
  const run = activeRunForChat(chatId);
  return run ? (subscribe(run.id) ?? null) : null;
}

/**
 * Cancels or retries one sub-agent of the Thinking run being written in a chat. False when there is
 * no such run or agent, or the agent is past the point where it can be (the synthesis has begun).
 */
export function controlAgent(chatId: string, agentId: string, action: 'cancel' | 'retry'): boolean {
  const run = activeRunForChat(chatId);
  const controls = run ? agentControls(run.id) : undefined;
  return controls ? controls[action](agentId) : false;
}
