'use client';
import { MessageSquarePlus, PanelLeftClose } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { FlintLogo } from '@/components/flint-logo';
import { Button } from '@/components/ui/button';
import { Tooltip } from '@/components/ui/tooltip';
import { selectChats, useFlintStore } from '@/lib/store';
import { cn } from '@/lib/utils';
import { NewChatLink } from './new-chat-link';
import { ThemeToggle } from './theme-toggle';

export function SidebarContent({ onNavigate, onCollapse }: { onNavigate?(): void; onCollapse?(): void }) {
  const chats = useFlintStore(selectChats);
  const pathname = usePathname();
  return (
    <div className="flex h-full flex-col">
      <div className="flex h-14 items-center justify-between px-3">
        <NewChatLink onClick={onNavigate} className="flex items-center gap-2 rounded-lg px-1.5 py-1 font-semibold tracking-tight">
          <FlintLogo className="size-6" />
          <span className="text-[17px]">Flint</span>
        </NewChatLink>
        {onCollapse && (
          <Tooltip label="Close sidebar" side="right">
            <Button variant="ghost" size="icon-sm" onClick={onCollapse} aria-label="Close sidebar">
              <PanelLeftClose aria-hidden />
            </Button>
          </Tooltip>
        )}
      </div>
      <div className="px-2">
        <NewChatLink
          data-testid="new-chat"
          onClick={onNavigate}
          className="flex h-9 w-full items-center gap-2.5 rounded-xl px-2.5 text-sm font-medium hover:bg-muted"
        >
          <MessageSquarePlus className="size-4" aria-hidden />
          New chat
        </NewChatLink>
      </div>
      <nav aria-label="Chats" className="scroll-quiet mt-4 min-h-0 flex-1 overflow-y-auto px-2 pb-2">
        {chats.length > 0 && <h2 className="px-2.5 pb-1 text-xs font-medium text-muted-foreground">Recent</h2>}
        <ul className="flex flex-col gap-px">
          {chats.map((chat) => {
            const href = `/c/${chat.id}`;
            const active = pathname === href;
            return (
              <li key={chat.id}>
                <Link
                  href={href}
                  data-testid="chat-item"
                  data-chat-id={chat.id}
                  aria-current={active ? 'page' : undefined}
                  onClick={onNavigate}
                  className={cn('block truncate rounded-xl px-2.5 py-2 text-sm text-foreground/85 hover:bg-muted', active && 'bg-muted font-medium text-foreground')}
                >
                  {chat.title ?? <span className="text-muted-foreground">New chat</span>}
                </Link>
              </li>
            );
          })}
        </ul>
        {chats.length === 0 && <p className="px-2.5 py-2 text-[13px] text-muted-foreground">Your chats will appear here.</p>}
      </nav>
      <div className="flex items-center justify-between border-t px-3 py-2.5">
        <span className="text-xs text-muted-foreground">Theme</span>
        <ThemeToggle />
      </div>
    </div>
  );
}
