// Writes a long conversation into a stopped Flint's data folder with Flint's own lib/db, for a user
// the server created: what a long chat leaves behind. A script, because lib/db is server code:
//   node --import ./bench/support/hooks.ts e2e/support/seed-long-chat.ts <dataDir> <userId> <chatId> <messages>
import { conversationWriter } from './long-chat-content';

const [dataDir, userId, chatId, count] = process.argv.slice(2);
if (!dataDir || !userId || !chatId || !count) throw new Error('usage: seed-long-chat.ts <dataDir> <userId> <chatId> <messages>');
process.env.FLINT_DATA_DIR = dataDir;

const { ensureChat, setChatTitle } = await import('@/lib/db/chats');
const { closeDb } = await import('@/lib/db/client');
const { createAssistantMessage, saveUserMessage, updateAssistantMessage } = await import('@/lib/db/messages');

const write = conversationWriter();
await ensureChat(userId, chatId, null);
await setChatTitle(userId, chatId, 'A very long conversation');
for (let i = 0; i < Number(count) / 2; i++) {
  await saveUserMessage(chatId, { id: `u${i}`, parts: [{ type: 'text', text: write.question(i) }] });
  await createAssistantMessage(chatId, `a${i}`, { status: 'streaming', mode: 'instant' });
  await updateAssistantMessage(`a${i}`, { parts: [{ type: 'text', text: write.answer(i) }], metadata: { mode: 'instant', modelLabel: 'Seeded' }, status: 'done' });
}
await closeDb();
