'use server';
// The Memory page's actions and the Undo on a "Memory saved" chip. Every id is checked against the
// caller: someone else's memory and a missing one get the same not-found answer.
import { z } from 'zod';
import { getCurrentUser, requireSessionUser, requireUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { createMemory, deleteAllMemories, deleteMemory, getPreferences, listMemories, savePreferences, updateMemory, type MemoryRecord, type PreferencesRecord } from '@/lib/db/memories';
import { FlintError, toActionError, type ActionResult } from '@/lib/errors';
import { secretReason } from '@/lib/memory/secrets';
import type { MemoryItem } from '@/lib/types';

const memoryNotFound = () => new FlintError('not_found', 'That memory no longer exists. Reload the page to see your memories.');

const content = z
  .string()
  .transform((text) => text.replace(/\s+/g, ' ').trim())
  .refine((text) => text.length >= 2, 'Write the memory as a short sentence.')
  .refine((text) => text.length <= 300, 'Keep a memory under 300 characters.')
  .refine((text) => !secretReason(text), { message: 'Flint does not keep secrets such as passwords, card numbers or keys in memory.' });

const idSchema = z.object({ id: z.string().min(1).max(64) });
const addSchema = z.object({ content, pinned: z.boolean().optional() });
const editSchema = z.object({ id: z.string().min(1).max(64), content: content.optional(), pinned: z.boolean().optional() });
const enabledSchema = z.object({ enabled: z.boolean() });
const instructionsSchema = z.object({
  aboutMe: z.string().max(2000, 'Keep “about me” under 2,000 characters.'),
  responseStyle: z.string().max(2000, 'Keep “how to respond” under 2,000 characters.'),
});

async function attempt<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return toActionError(error);
  }
}

function invalid(issues: z.core.$ZodIssue[]) {
  const message = issues.find((issue) => issue.code === 'custom')?.message ?? 'The request was malformed. Reload the page and try again.';
  return toActionError(new FlintError('bad_request', message));
}

async function toItems(memories: MemoryRecord[]): Promise<MemoryItem[]> {
  const chatIds = [...new Set(memories.flatMap((m) => (m.sourceChatId ? [m.sourceChatId] : [])))];
  const db = await getDb();
  const chats = chatIds.length ? await db.chat.findMany({ where: { id: { in: chatIds }, deletedAt: null }, select: { id: true, title: true } }) : [];
  return memories.map((memory) => {
    const chat = chats.find((c) => c.id === memory.sourceChatId);
    return {
      id: memory.id,
      content: memory.content,
      pinned: memory.pinned,
      createdAt: memory.createdAt.toISOString(),
      source: chat ? { chatId: chat.id, title: chat.title } : null,
    };
  });
}

/** Everything the Memory page shows. */
export async function getMemoryOverview(): Promise<ActionResult<{ memories: MemoryItem[]; preferences: PreferencesRecord }>> {
  return attempt(async () => {
    const user = await getCurrentUser();
    if (!user) return { memories: [], preferences: { memoryEnabled: true, aboutMe: '', responseStyle: '' } };
    const [memories, preferences] = await Promise.all([listMemories(user.id), getPreferences(user.id)]);
    return { memories: await toItems(memories), preferences };
  });
}

export async function addMemory(input: unknown): Promise<ActionResult<MemoryItem>> {
  const parsed = addSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  return attempt(async () => {
    const user = await requireSessionUser();
    const [item] = await toItems([await createMemory(user.id, { content: parsed.data.content, pinned: parsed.data.pinned })]);
    return item!;
  });
}

export async function editMemory(input: unknown): Promise<ActionResult<MemoryItem>> {
  const parsed = editSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  return attempt(async () => {
    const user = await requireUser();
    const { id, ...update } = parsed.data;
    const updated = await updateMemory(user.id, id, update);
    if (!updated) throw memoryNotFound();
    return (await toItems([updated]))[0]!;
  });
}

/** Deletes one memory (the Memory page, and Undo on a "Memory saved" chip). */
export async function removeMemory(input: unknown): Promise<ActionResult<{ removed: true }>> {
  const parsed = idSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  return attempt(async () => {
    const user = await requireUser();
    if (!(await deleteMemory(user.id, parsed.data.id))) throw memoryNotFound();
    return { removed: true as const };
  });
}

export async function removeAllMemories(): Promise<ActionResult<{ removed: number }>> {
  return attempt(async () => ({ removed: await deleteAllMemories((await requireUser()).id) }));
}

export async function setMemoryEnabled(input: unknown): Promise<ActionResult<PreferencesRecord>> {
  const parsed = enabledSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  return attempt(async () => savePreferences((await requireSessionUser()).id, { memoryEnabled: parsed.data.enabled }));
}

export async function saveCustomInstructions(input: unknown): Promise<ActionResult<PreferencesRecord>> {
  const parsed = instructionsSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  return attempt(async () =>
    savePreferences((await requireSessionUser()).id, { aboutMe: parsed.data.aboutMe.trim(), responseStyle: parsed.data.responseStyle.trim() }),
  );
}
