// One turn of a chat: check the chat is the user's, count the message against the quota, save the
// user's message, start the answer as a run, and name a new chat.
import 'server-only';
import { artifactToolkit } from '@/lib/ai/tools';
import type { CurrentUser } from '@/lib/auth/session';
import type { PersonalContext } from '@/lib/ai/prompts/personal';
import { noVisionMessage, visionModelFor } from '@/lib/ai/routing';
import { forgetTool } from '@/lib/ai/tools/forget';
import { rememberTool, type MemoryToolContext } from '@/lib/ai/tools/remember';
import { listLatestArtifacts } from '@/lib/db/artifacts';
import { changing } from '@/lib/db/changes';
import { createChat, ensureChat, getChat, setChatTitle } from '@/lib/db/chats';
import { getImages, unsentImageIds } from '@/lib/db/images';
import { memoriesForTurn } from '@/lib/memory/select';
import { createAssistantMessage, deleteMessagesFrom, lastMessage, listMessages, saveUserMessage, updateAssistantMessage } from '@/lib/db/messages';
import { FlintError, notFound } from '@/lib/errors';
import { imagePart } from '@/lib/files/image-parts';
import { streamInstantAnswer } from '@/lib/modes/instant';
import { agentControls } from '@/lib/modes/thinking/controls';
import { streamThinkingAnswer } from '@/lib/modes/thinking/run';
import { generateTitle } from '@/lib/modes/title';
import { consumeMessageQuota, quotaSurelyLeft } from '@/lib/quota';
import type { ToolSet } from 'ai';
import type { ChatMode, FlintPart, FlintUIMessage, QuotaStatus } from '@/lib/types';
import { generatingChatIds, liveRunRecord, requestRunStop } from '@/lib/db/runs';
import { followRun } from './follow';
import { readTurn, takePreparedTurn, type TurnReads } from './prepared';
import { deferredJournal, openJournal, runsAreShared, type RunJournal } from './journal';
import { activeChatIds, activeRunForChat, startRun, stopRun, subscribe, type Chunk, type Run } from './registry';

export type TurnRequest =
  | {
      kind: 'submit';
      chatId: string;
      message: { id: string; text: string; attachments?: string[] };
      mode: ChatMode;
      model?: string;
      newChatToken?: string;
      /** For a new chat: a temporary chat neither reads nor writes memory. */
      temporary?: boolean;
    }
  | { kind: 'regenerate'; chatId: string; messageId: string; mode: ChatMode; model?: string };

function textOf(message: FlintUIMessage | undefined) {
  return (message?.parts ?? []).flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('\n');
}

/**
 * The parts of a new user message: its images (the user's own unsent uploads, in the order given)
 * then its text. Refuses before anything is saved when an image is not available or no model
 * could see it.
 */
async function userMessageParts(user: CurrentUser, request: Extract<TurnRequest, { kind: 'submit' }>): Promise<FlintPart[]> {
  const ids = request.message.attachments ?? [];
  const text: FlintPart[] = request.message.text.trim() ? [{ type: 'text', text: request.message.text }] : [];
  if (ids.length === 0) return text;
  const available = new Set(await unsentImageIds(user.id, ids));
  if (ids.some((id) => !available.has(id))) {
    throw new FlintError('bad_request', 'An attached image is no longer available (it may have been sent already or expired). Remove it and attach it again.');
  }
  if (!(await visionModelFor(request.mode === 'thinking' ? 'thinking' : 'instant', request.model))) throw new FlintError('no_vision', noVisionMessage);
  const records = new Map((await getImages(ids, user.id)).map((image) => [image.id, image]));
  const images = ids.map((id) => {
    const image = records.get(id)!;
    return imagePart({ id, mediaType: image.mediaType, width: image.width, height: image.height, filename: image.filename });
  });
  return [...images, ...text];
}

/** The run writing an answer in the user's chat, if any. Someone else's chat reads as not found. */
export async function ownedActiveRun(user: CurrentUser, chatId: string): Promise<Run | undefined> {
  if (!(await getChat(user.id, chatId))) throw notFound();
  const run = activeRunForChat(chatId);
  return run && run.userId === user.id ? run : undefined;
}

export async function startTurn(user: CurrentUser, request: TurnRequest): Promise<ReadableStream<Chunk>> {
  // Read while the question was typed (lib/runs/prepared.ts), or now. A regeneration reads the
  // chat's messages and artifacts itself, once it has rewritten the chat.
  const reads =
    (await takePreparedTurn(user.id, request.chatId)) ??
    (await (request.kind === 'submit' ? readTurn(user.id, request.chatId, request.newChatToken) : readTurn(user.id, request.chatId, undefined, { contents: false })));
  const { chat } = reads;
  if (chat && (activeRunForChat(chat.id) || ((await runsAreShared()) && (await liveRunRecord(user.id, chat.id))))) {
    throw new FlintError('busy', 'An answer is still being written in this chat. Wait for it to finish or stop it first.');
  }

  // An edit or a regeneration rewrites the chat first (later messages go), then answers what is
  // left. A new message, the common case, is answered before it is written: the model is asked
  // as soon as the quota allows, and the message, the run's row and the answer's row are saved
  // while the model works on its first token, off the path a user waits on.
  let history: FlintUIMessage[];
  /** The quota left; a new message may be counted only once the model has been asked. */
  let quota: QuotaStatus | undefined;
  let counted = (status: QuotaStatus) => void (quota = status);
  let personal: PersonalContext;
  let artifacts = reads.artifacts;
  const isFirstMessage = !chat;
  const temporary = chat ? chat.temporary : request.kind === 'submit' && Boolean(request.temporary);
  let store = (messageId: string) => storeAnswer(request.chatId, user.id, request.mode, messageId);
  if (request.kind === 'submit') {
    const earlier = reads.history;
    // An edit keeps the message's images; only its text changes.
    const editing = earlier.some((m) => m.id === request.message.id && m.role === 'user');
    const parts = editing ? await userMessageParts(user, { ...request, message: { ...request.message, attachments: [] } }) : await userMessageParts(user, request);
    const message = { id: request.message.id, parts, userId: user.id, imageIds: editing ? [] : request.message.attachments };
    // A new message is counted and its chat created once the model has been asked, when both are
    // as good as certain to succeed: the user has messages left (as this server last counted), and
    // a new chat's id carries the server's signature, so only another send from the same page can
    // have taken it. The count and the creation still decide: if either refuses, the answer ends
    // with their sentence and nothing is saved. Otherwise both happen first.
    const later = !editing && quotaSurelyLeft(user);
    const createNow = () => createChat(user.id, request.chatId, request.model ?? null, { temporary: request.temporary });
    const [created, left, context] = await Promise.all([
      // Taken by anyone (another user's chat, a deleted one): the same answer as a missing chat.
      chat || later ? true : createNow(),
      later ? undefined : consumeMessageQuota(user),
      personalContext(user.id, reads, temporary, request.message.text),
    ]);
    if (!created) throw notFound();
    quota = left;
    personal = context;
    if (editing) {
      await changing(user.id, () => saveUserMessage(request.chatId, message));
      await ensureChat(user.id, request.chatId, request.model ?? null);
      [history, artifacts] = await Promise.all([listMessages(request.chatId), listLatestArtifacts(request.chatId)]);
    } else {
      history = [...earlier, { id: message.id, role: 'user', parts }];
      store = async (messageId) => {
        if (later) {
          counted(await consumeMessageQuota(user));
          if (!chat && !(await createNow())) throw notFound();
        }
        if (chat) await ensureChat(user.id, request.chatId, request.model ?? null);
        await saveUserMessage(request.chatId, message);
        return storeAnswer(request.chatId, user.id, request.mode, messageId);
      };
    }
  } else {
    quota = await consumeMessageQuota(user);
    const removed = await changing(user.id, () => deleteMessagesFrom(request.chatId, request.messageId));
    if (!removed) throw new FlintError('not_found', 'That answer no longer exists. Reload the chat and try again.');
    await ensureChat(user.id, request.chatId, request.model ?? null);
    [history, artifacts] = await Promise.all([listMessages(request.chatId), listLatestArtifacts(request.chatId)]);
    personal = await personalContext(user.id, reads, temporary, textOf(history.findLast((m) => m.role === 'user')));
  }

  const lastUser = history.findLast((m) => m.role === 'user');
  if (!lastUser || history.at(-1)?.role !== 'user') {
    throw new FlintError('bad_request', 'There is no question to answer in this chat. Send a message first.');
  }

  const messageId = crypto.randomUUID();
  // Artifacts in every chat; memory unless it is off or the chat is temporary.
  const toolkit = artifactToolkit({ userId: user.id, chatId: request.chatId, messageId }, artifacts);
  const allTools = { ...toolkit.tools, ...(personal.canRemember ? memoryTools({ userId: user.id, chatId: request.chatId, messageId }) : {}) };

  // The rows are written once the model has been asked (on PGlite a query holds the event loop,
  // so writing first would hold the request back); the run's journal, saves and tools wait for
  // them. An answer whose rows cannot be written is stopped.
  let refusal: FlintError | undefined;
  const stored = new Promise<RunJournal>((resolve) => setTimeout(resolve, 0)).then(() => store(messageId));
  const run = startRun({
    id: messageId,
    chatId: request.chatId,
    userId: user.id,
    produce: (write, signal) => {
      const tools = afterStored(allTools, stored);
      // The browser learns the remaining quota with every answer, once it has started and the
      // message is counted.
      let started = false;
      const writeQuota = (status: QuotaStatus) => write({ type: 'data-quota', data: status, transient: true });
      counted = (status) => {
        quota = status;
        if (started) writeQuota(status);
      };
      const withQuota = (chunk: Chunk) => {
        // Refused after the model was asked: the answer ends with the refusal's sentence.
        if (chunk.type === 'finish' && refusal) chunk = { ...chunk, messageMetadata: { ...chunk.messageMetadata, status: 'error', error: refusal.userMessage } };
        write(chunk);
        if (chunk.type === 'start') {
          started = true;
          if (quota) writeQuota(quota);
        }
      };
      return request.mode === 'thinking'
        ? streamThinkingAnswer({ messageId, history, preferredModel: request.model, signal, personal, tools, toolInstructions: toolkit.instructions, userId: user.id }, withQuota)
        : streamInstantAnswer({ messageId, history, mode: request.mode, preferredModel: request.model, signal, personal, tools, toolInstructions: toolkit.instructions, userId: user.id }, withQuota);
    },
    persist: async (message, status, final) => {
      // Nothing to save into when the message could not be saved (that was said once, below).
      if (!(await stored.then(() => true, () => false))) return;
      const save = () => updateAssistantMessage(messageId, { parts: message.parts, metadata: message.metadata ?? {}, status });
      // The chat has changed once its answer has ended: what was read for a send before is stale.
      await (final ? changing(user.id, save) : save());
    },
    journal: deferredJournal(stored),
  });
  stored.catch((error) => {
    if (error instanceof FlintError && (error.code === 'quota' || error.code === 'not_found')) refusal = error;
    else console.error('[flint] could not save the message; its answer is stopped', messageId, error);
    stopRun(messageId);
  });

  if (isFirstMessage) {
    void stored
      .then(() => generateTitle(textOf(lastUser)))
      .then(async (title) => {
        await setChatTitle(user.id, request.chatId, title);
        run.write({ type: 'data-chat-title', data: { chatId: request.chatId, title }, transient: true });
      })
      .catch((error) => refusal === error || console.error('[flint] could not save the chat title', error));
  }
  return subscribe(run.id)!;
}

/**
 * The answer's rows: the run's first (an instance starting up never takes the message for a
 * crashed one), then the message the run saves into. Returns the run's journal.
 */
async function storeAnswer(chatId: string, userId: string, mode: ChatMode, messageId: string): Promise<RunJournal> {
  const journal = await openJournal({ id: messageId, chatId, userId, onStopRequested: () => stopRun(messageId) });
  try {
    await createAssistantMessage(chatId, messageId, { status: 'streaming', mode, createdAt: Date.now() });
  } catch (error) {
    await journal.close('error').catch(() => {});
    throw error;
  }
  return journal;
}

/** The tools, each running only once the answer's rows exist (what they write points at them). */
function afterStored(tools: ToolSet, stored: Promise<unknown>): ToolSet {
  return Object.fromEntries(
    Object.entries(tools).map(([name, tool]) => [
      name,
      tool.execute ? { ...tool, execute: async (...args: Parameters<NonNullable<typeof tool.execute>>) => (await stored, tool.execute!(...args)) } : tool,
    ]),
  );
}

/** Custom instructions always; memories and the memory tools unless memory is off or the chat is temporary. */
async function personalContext(userId: string, reads: TurnReads, temporary: boolean, text: string): Promise<PersonalContext> {
  const { preferences } = reads;
  const memoryOn = preferences.memoryEnabled && !temporary;
  return {
    aboutMe: preferences.aboutMe,
    responseStyle: preferences.responseStyle,
    memories: memoryOn ? await memoriesForTurn(userId, text, { pinned: reads.pinned, others: reads.otherMemories }) : [],
    canRemember: memoryOn,
  };
}

function memoryTools(context: MemoryToolContext) {
  return { remember: rememberTool(context), forget: forgetTool(context) };
}

/**
 * Rejoining a chat: the live answer, or, when none is being written any more, the chat's newest
 * saved message. A page opened while an answer was written may ask only after it ended; the saved
 * message then replaces the page's partial copy, which would otherwise look cut off.
 */
export type Resumed = { stream: ReadableStream<Chunk>; latest?: undefined } | { stream: null; latest: FlintUIMessage | null };

/**
 * The live answer of the user's chat, replayed from its start. A run of this instance is read from
 * memory; one written by another instance (shared PostgreSQL) from the run log.
 */
export async function resumeTurn(user: CurrentUser, chatId: string): Promise<Resumed> {
  const run = await ownedActiveRun(user, chatId);
  const stream = run ? subscribe(run.id) : (await runsAreShared()) ? await remoteStream(user.id, chatId) : undefined;
  return stream ? { stream } : { stream: null, latest: await lastMessage(chatId) };
}

async function remoteStream(userId: string, chatId: string) {
  const remote = await liveRunRecord(userId, chatId);
  return remote ? followRun(remote.id) : undefined;
}

/** Stops the answer being written in the user's chat, on whichever instance writes it. */
export async function stopTurn(user: CurrentUser, chatId: string): Promise<boolean> {
  const run = await ownedActiveRun(user, chatId);
  if (run) return stopRun(run.id);
  return (await runsAreShared()) ? requestRunStop(user.id, chatId) : false;
}

/** Whether an answer is being written in the user's chat, by any instance. */
export async function isGenerating(userId: string, chatId: string): Promise<boolean> {
  const run = activeRunForChat(chatId);
  if (run) return run.userId === userId;
  return (await runsAreShared()) ? (await liveRunRecord(userId, chatId)) !== null : false;
}

/** The user's chats with an answer being written right now (the sidebar marks them). */
export async function generatingChats(userId: string): Promise<string[]> {
  if (await runsAreShared()) return generatingChatIds(userId);
  return [...activeChatIds(userId)];
}

/**
 * Cancels or retries one sub-agent of the Thinking run being written in the user's chat. False when
 * there is no such run or agent, or the agent is past the point where it can be (the synthesis has
 * begun). Someone else's chat reads as not found.
 */
export async function controlAgent(user: CurrentUser, chatId: string, agentId: string, action: 'cancel' | 'retry'): Promise<boolean> {
  const run = await ownedActiveRun(user, chatId);
  const controls = run ? agentControls(run.id) : undefined;
  return controls ? controls[action](agentId) : false;
}
