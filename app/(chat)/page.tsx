import { Chat } from '@/components/chat/chat';
import { mintChatId } from '@/lib/chat-ids';

export const dynamic = 'force-dynamic';

export default async function NewChatPage() {
  const { chatId, token } = await mintChatId();
  return <Chat key={chatId} id={chatId} newChatToken={token} initialMessages={[]} isNew />;
}
