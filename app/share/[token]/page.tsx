import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { FlintLogo } from '@/components/flint-logo';
import { SharedConversation } from '@/components/share/shared-conversation';
import { getSharedChat } from '@/lib/db/shares';

export const dynamic = 'force-dynamic';

type Params = Promise<{ token: string }>;

const tokenPattern = /^[A-Za-z0-9_-]{16,64}$/;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { token } = await params;
  const shared = tokenPattern.test(token) ? await getSharedChat(token) : null;
  return { title: shared?.title ?? 'Shared chat', robots: { index: false, follow: false } };
}

export default async function SharedChatPage({ params }: { params: Params }) {
  const { token } = await params;
  if (!tokenPattern.test(token)) notFound();
  const shared = await getSharedChat(token);
  if (!shared) notFound();
  return (
    <div className="min-h-dvh" data-testid="shared-chat">
      <header className="sticky top-0 z-10 border-b bg-background/85 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-3xl items-center justify-between gap-3 px-4 sm:px-6">
          <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
            <FlintLogo className="size-6" />
            Flint
          </Link>
          <Link href="/" className="inline-flex h-8 items-center rounded-full bg-foreground px-3.5 text-[13px] font-medium text-background hover:bg-foreground/85">
            Start your own chat
          </Link>
        </div>
      </header>
      <main className="mx-auto max-w-3xl px-4 pt-8 pb-16 sm:px-6">
        <h1 className="text-2xl font-semibold tracking-tight">{shared.title ?? 'Shared chat'}</h1>
        <p className="mt-1 text-sm text-muted-foreground">A read-only copy shared on {shared.createdAt.toLocaleDateString('en', { dateStyle: 'long' })}.</p>
        <div className="mt-8">
          <SharedConversation messages={shared.messages} />
        </div>
      </main>
    </div>
  );
}
