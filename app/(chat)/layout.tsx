import { AppShell } from '@/components/chat/app-shell';
import { listModelOptions } from '@/lib/ai/routing';
import { listChats } from '@/lib/db/chats';

export const dynamic = 'force-dynamic';

export default async function ChatLayout({ children }: { children: React.ReactNode }) {
  const [chats, models] = await Promise.all([listChats(), listModelOptions()]);
  return (
    <AppShell chats={chats} models={models}>
      {children}
    </AppShell>
  );
}
