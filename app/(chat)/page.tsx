import { randomUUID } from 'node:crypto';
import { Chat } from '@/components/chat/chat';

export const dynamic = 'force-dynamic';

export default function NewChatPage() {
  const id = randomUUID();
  return <Chat key={id} id={id} initialMessages={[]} isNew />;
}
