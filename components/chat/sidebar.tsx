'use client';
import { MessageSquarePlus, PanelLeftClose } from 'lucide-react';
import { FlintLogo } from '@/components/flint-logo';
import { Button } from '@/components/ui/button';
import { Tooltip } from '@/components/ui/tooltip';
import { ChatList } from './chat-list';
import { NewChatLink } from './new-chat-link';
import { UserMenu } from './user-menu';

export function SidebarContent({ onNavigate, onCollapse }: { onNavigate?(): void; onCollapse?(): void }) {
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
        <NewChatLink data-testid="new-chat" onClick={onNavigate} className="flex h-9 w-full items-center gap-2.5 rounded-xl px-2.5 text-sm font-medium hover:bg-muted">
          <MessageSquarePlus className="size-4" aria-hidden />
          New chat
        </NewChatLink>
      </div>
      <ChatList onNavigate={onNavigate} />
      <UserMenu />
    </div>
  );
}
