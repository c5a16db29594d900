import { AppShell } from '@/components/chat/app-shell';
import { listModelOptions, visionSupport } from '@/lib/ai/routing';
import { getCurrentUser } from '@/lib/auth/session';
import { listChats } from '@/lib/db/chats';
import { quotaStatus } from '@/lib/quota';
import { generatingChats } from '@/lib/runs/turn';

export const dynamic = 'force-dynamic';

export default async function ChatLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  const [page, models, quota, vision, generating] = await Promise.all([
    user ? listChats(user.id) : { chats: [], nextCursor: null },
    listModelOptions(),
    user ? quotaStatus(user) : null,
    visionSupport(),
    user ? generatingChats(user.id) : [],
  ]);
  // Chats with an answer still being written are marked in the sidebar.
  const live = new Set(generating);
  const chats = page.chats.map((chat) => (live.has(chat.id) ? { ...chat, generating: true } : chat));
  const viewer = user ? { name: user.name, email: user.email, isGuest: user.isGuest } : null;
  return (
    <AppShell chats={chats} nextCursor={page.nextCursor} models={models} viewer={viewer} quota={quota} vision={vision}>
      {children}
    </AppShell>
  );
}
