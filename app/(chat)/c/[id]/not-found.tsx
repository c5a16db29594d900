import { MessageSquareOff } from 'lucide-react';
import Link from 'next/link';

export default function ChatNotFound() {
  return (
    <div data-testid="not-found" className="flex flex-1 flex-col items-center justify-center gap-3 px-6 text-center">
      <MessageSquareOff className="size-10 text-muted-foreground" aria-hidden />
      <h1 className="text-xl font-semibold">This chat doesn&apos;t exist</h1>
      <p className="max-w-sm text-sm text-muted-foreground">It may have been deleted, or the link is mistyped. Your other chats are in the sidebar.</p>
      <Link href="/" className="mt-2 inline-flex h-9 items-center rounded-full bg-foreground px-4 text-sm font-medium text-background hover:bg-foreground/85">
        Start a new chat
      </Link>
    </div>
  );
}
