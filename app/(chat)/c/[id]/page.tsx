import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Chat } from '@/components/chat/chat';
import { getChat } from '@/lib/db/chats';
import { listMessages } from '@/lib/db/messages';
import { getCurrentUser } from '@/lib/auth/session';
import { isGenerating } from '@/lib/runs/turn';
import { chatIdSchema } from '../../schema';

export const dynamic = 'force-dynamic';

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  const user = await getCurrentUser();
  if (!user || !chatIdSchema.safeParse({ chatId: id }).success) return { title: 'Chat not found' };
  const chat = await getChat(user.id, id);
  return { title: chat?.title ?? (chat ? 'New chat' : 'Chat not found') };
}

export default async function ChatPage({ params }: { params: Params }) {
  const { id } = await params;
  const user = await getCurrentUser();
  if (!user || !chatIdSchema.safeParse({ chatId: id }).success) notFound();
  const chat = await getChat(user.id, id);
  if (!chat) notFound();
  const messages = await listMessages(id);
  const generating = await isGenerating(user.id, id);
  return <Chat key={id} id={id} title={chat.title} temporary={chat.temporary} initialMessages={messages} generating={generating} />;
}
