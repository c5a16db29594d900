'use server';
// Thin server actions: validate, then call one function in lib/. They return ActionResult values
// instead of throwing, because Next.js hides thrown messages from the browser in production.
import type { z } from 'zod';
import { listChats } from '@/lib/db/chats';
import { FlintError, toActionError, type ActionResult } from '@/lib/errors';
import { activeRunForChat, stopRun, type Chunk } from '@/lib/runs/registry';
import { controlAgent, resumeTurn, startTurn } from '@/lib/runs/turn';
import type { ChatSummary } from '@/lib/types';
import { agentControlSchema, chatIdSchema, sendMessageSchema } from './schema';

function invalid(message: string) {
  return toActionError(new FlintError('bad_request', message));
}

/**
 * Messages written for people (empty or too-long text) pass through; anything else means the page
 * and the server disagree, which a reload fixes.
 */
function describeInvalid(issues: z.core.$ZodIssue[]) {
  const userFacing = issues.find((issue) => issue.code === 'custom');
  if (userFacing) return userFacing.message;
  const field = issues[0]?.path.join('.') || 'request';
  return `The request was malformed (${field}). Reload the page and try again.`;
}

/** Starts an answer and returns its stream of UI message chunks. */
export async function sendChatMessage(input: unknown): Promise<ActionResult<ReadableStream<Chunk>>> {
  const parsed = sendMessageSchema.safeParse(input);
  if (!parsed.success) return invalid(describeInvalid(parsed.error.issues));
  const data = parsed.data;
  try {
    const stream =
      data.trigger === 'submit-message'
        ? await startTurn({ kind: 'submit', chatId: data.chatId, message: data.message, mode: data.mode, model: data.model })
        : await startTurn({ kind: 'regenerate', chatId: data.chatId, messageId: data.messageId, mode: data.mode, model: data.model });
    return { ok: true, value: stream };
  } catch (error) {
    return toActionError(error);
  }
}

/** Stops the answer being written in a chat, on the server (the upstream request is aborted). */
export async function stopChatGeneration(input: unknown): Promise<ActionResult<{ stopped: boolean }>> {
  const parsed = chatIdSchema.safeParse(input);
  if (!parsed.success) return invalid('The request was malformed.');
  const run = activeRunForChat(parsed.data.chatId);
  return { ok: true, value: { stopped: run ? stopRun(run.id) : false } };
}

/** Cancels one running or queued sub-agent of a Thinking run; the synthesis goes on without it. */
export async function cancelAgent(input: unknown): Promise<ActionResult<{ cancelled: boolean }>> {
  const parsed = agentControlSchema.safeParse(input);
  if (!parsed.success) return invalid('The request was malformed.');
  return { ok: true, value: { cancelled: controlAgent(parsed.data.chatId, parsed.data.agentId, 'cancel') } };
}

/** Starts one sub-agent of a Thinking run over (running, failed or cancelled), while the sub-agents work. */
export async function retryAgent(input: unknown): Promise<ActionResult<{ retried: boolean }>> {
  const parsed = agentControlSchema.safeParse(input);
  if (!parsed.success) return invalid('The request was malformed.');
  return { ok: true, value: { retried: controlAgent(parsed.data.chatId, parsed.data.agentId, 'retry') } };
}

/** Rejoins the answer still being written in a chat, or null when there is none. */
export async function resumeChatStream(input: unknown): Promise<ActionResult<ReadableStream<Chunk> | null>> {
  const parsed = chatIdSchema.safeParse(input);
  if (!parsed.success) return invalid('The request was malformed.');
  return { ok: true, value: resumeTurn(parsed.data.chatId) };
}

export async function listRecentChats(): Promise<ActionResult<ChatSummary[]>> {
  try {
    return { ok: true, value: await listChats() };
  } catch (error) {
    return toActionError(error);
  }
}
