'use client';
import { MoreHorizontal, Pencil, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { memo, useState } from 'react';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from '@/components/ui/dropdown-menu';
import type { ChatSummary } from '@/lib/types';
import { cn } from '@/lib/utils';

interface ChatListItemProps {
  chat: ChatSummary;
  active: boolean;
  onNavigate?(): void;
  onRename(chat: ChatSummary, title: string): Promise<boolean>;
  onDelete(chat: ChatSummary): void;
}

/** Renders «highlighted» search matches. */
function Snippet({ text }: { text: string }) {
  // Snippets come from Markdown; its marks (#, *, `, >, |) are noise in a one-line preview.
  const plain = text.replace(/[#*`>|_~]+/g, ' ').replace(/\s+/g, ' ').trim();
  const parts = plain.split(/(«[^»]*»)/g);
  return (
    <span className="line-clamp-2 text-xs text-muted-foreground">
      {parts.map((part, i) =>
        part.startsWith('«') ? (
          <mark key={i} className="rounded bg-accent-soft px-0.5 text-foreground">
            {part.slice(1, -1)}
          </mark>
        ) : (
          part
        ),
      )}
    </span>
  );
}

/** Memoised: a send moves one chat to the top, and the others need not render again. */
export const ChatListItem = memo(function ChatListItem({ chat, active, onNavigate, onRename, onDelete }: ChatListItemProps) {
  const [renaming, setRenaming] = useState(false);
  const [draft, setDraft] = useState(chat.title ?? '');

  if (renaming) {
    return (
      <form
        className="px-1"
        onSubmit={async (event) => {
          event.preventDefault();
          if (await onRename(chat, draft)) setRenaming(false);
        }}
      >
        <input
          autoFocus
          data-testid="chat-rename-input"
          aria-label="Chat name"
          value={draft}
          maxLength={120}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => event.key === 'Escape' && setRenaming(false)}
          onBlur={() => setRenaming(false)}
          className="h-9 w-full rounded-xl border bg-background px-2.5 text-sm outline-none focus:border-foreground/30"
        />
      </form>
    );
  }

  return (
    <div className={cn('group relative flex items-center rounded-xl hover:bg-muted', active && 'bg-muted')}>
      <Link
        href={`/c/${chat.id}`}
        // The open chat is not prefetched: it is already on screen, and a new chat's prefetch
        // would compete on the server with the answer it has just asked for. (A new chat is in
        // the list before the router has caught up with its address, hence the location check.)
        prefetch={active || (typeof window !== 'undefined' && window.location.pathname === `/c/${chat.id}`) ? false : undefined}
        data-testid="chat-item"
        data-chat-id={chat.id}
        data-generating={chat.generating ? 'true' : undefined}
        aria-current={active ? 'page' : undefined}
        onClick={onNavigate}
        className={cn('min-w-0 flex-1 px-2.5 py-2 text-sm text-foreground/85', active && 'font-medium text-foreground')}
      >
        <span className="flex items-center gap-2">
          <span className="block min-w-0 flex-1 truncate">{chat.title ?? <span className="text-muted-foreground">New chat</span>}</span>
          {chat.generating && (
            <span data-testid="chat-item-generating" role="status" aria-label="Writing an answer" className="relative flex size-2 shrink-0">
              <span className="absolute inline-flex size-full animate-ping rounded-full bg-accent/60 motion-reduce:animate-none" />
              <span className="relative inline-flex size-2 rounded-full bg-accent" />
            </span>
          )}
        </span>
        {chat.snippet && <Snippet text={chat.snippet} />}
      </Link>
      <DropdownMenu>
        <DropdownMenuTrigger
          aria-label={`Options for ${chat.title ?? 'this chat'}`}
          data-testid="chat-item-menu"
          className="mr-1 flex size-7 shrink-0 items-center justify-center rounded-lg text-muted-foreground opacity-100 outline-none hover:bg-background hover:text-foreground focus-visible:opacity-100 data-[state=open]:opacity-100 md:opacity-0 md:group-hover:opacity-100"
        >
          <MoreHorizontal className="size-4" aria-hidden />
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="min-w-40">
          <DropdownMenuItem
            data-testid="chat-rename"
            onSelect={() => {
              setDraft(chat.title ?? '');
              setRenaming(true);
            }}
          >
            <Pencil className="size-4" aria-hidden /> Rename
          </DropdownMenuItem>
          <DropdownMenuItem data-testid="chat-delete" className="text-destructive data-[highlighted]:text-destructive" onSelect={() => onDelete(chat)}>
            <Trash2 className="size-4" aria-hidden /> Delete
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </div>
  );
});
