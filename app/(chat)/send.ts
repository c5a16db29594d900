// Sending a message: validate, find the user, start the answer. Called by the send route
// (app/api/chats/[id]/messages), which streams what this returns to the page.
import 'server-only';
import { requireSessionUser } from '@/lib/auth/session';
import type { ActionResult } from '@/lib/errors';
import type { Chunk } from '@/lib/runs/registry';
import { startTurn } from '@/lib/runs/turn';
import { attempt, describeInvalid, invalid } from './results';
import { sendMessageSchema } from './schema';

/** Starts an answer and returns its stream of UI message chunks. */
export async function sendChatMessage(input: unknown): Promise<ActionResult<ReadableStream<Chunk>>> {
  const parsed = sendMessageSchema.safeParse(input);
  if (!parsed.success) return invalid(describeInvalid(parsed.error.issues));
  const data = parsed.data;
  return attempt(async () => {
    const user = await requireSessionUser();
    return data.trigger === 'submit-message'
      ? startTurn(user, {
          kind: 'submit',
          chatId: data.chatId,
          message: data.message,
          mode: data.mode,
          model: data.model,
          newChatToken: data.newChatToken,
          temporary: data.temporary,
        })
      : startTurn(user, { kind: 'regenerate', chatId: data.chatId, messageId: data.messageId, mode: data.mode, model: data.model });
  });
}
