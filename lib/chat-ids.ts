// New chat ids are minted by the server, with a signature. A message to a chat that does not exist
// creates it only with that signature, so sending into an id that belongs to someone else and
// sending into an id that does not exist get the same answer: not found.
import 'server-only';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { getOrCreateSetting } from '@/lib/db/settings';

async function sign(chatId: string) {
  const secret = await getOrCreateSetting('chat-ids.secret');
  return createHmac('sha256', secret).update(`new-chat:${chatId}`).digest('base64url');
}

export async function mintChatId(): Promise<{ chatId: string; token: string }> {
  const chatId = randomUUID();
  return { chatId, token: await sign(chatId) };
}

export async function verifyNewChatToken(chatId: string, token: string | undefined): Promise<boolean> {
  if (!token) return false;
  const expected = Buffer.from(await sign(chatId));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
