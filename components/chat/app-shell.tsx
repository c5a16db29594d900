'use client';
import { Menu, PanelLeftOpen, SquarePen } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Sheet } from '@/components/ui/sheet';
import { Tooltip } from '@/components/ui/tooltip';
import { FlintStoreProvider, useFlintStore } from '@/lib/store';
import type { StoreSeed } from '@/lib/store';
import { cn } from '@/lib/utils';
import { usePathname } from 'next/navigation';
import { ModelPicker } from './model-picker';
import { ShareDialog } from './share-dialog';
import { NewChatLink } from './new-chat-link';
import { SidebarContent } from './sidebar';

/** Sidebar + header around the chat. Seeds the client store with what the server loaded. */
export function AppShell({ children, ...seed }: StoreSeed & { children: ReactNode }) {
  return (
    <FlintStoreProvider seed={seed}>
      <Shell>{children}</Shell>
    </FlintStoreProvider>
  );
}

function Shell({ children }: { children: ReactNode }) {
  const collapsed = useFlintStore((s) => s.sidebarCollapsed);
  const toggleCollapsed = useFlintStore((s) => s.toggleSidebarCollapsed);
  const mobileOpen = useFlintStore((s) => s.mobileSidebarOpen);
  const setMobileOpen = useFlintStore((s) => s.setMobileSidebarOpen);
  const chatId = /^\/c\/([^/]+)$/.exec(usePathname())?.[1];

  return (
    <div className="flex h-dvh overflow-hidden">
      <aside data-testid="sidebar" className={cn('hidden w-[264px] shrink-0 border-r bg-sidebar md:block', collapsed && 'md:hidden')}>
        <SidebarContent onCollapse={toggleCollapsed} />
      </aside>
      <Sheet open={mobileOpen} onOpenChange={setMobileOpen} title="Chats">
        <SidebarContent onNavigate={() => setMobileOpen(false)} />
      </Sheet>
      <main className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 shrink-0 items-center gap-1 px-2 sm:px-3">
          <Button variant="ghost" size="icon" className="md:hidden" aria-label="Open chats" data-testid="open-sidebar" onClick={() => setMobileOpen(true)}>
            <Menu aria-hidden />
          </Button>
          {collapsed && (
            <Tooltip label="Open sidebar" side="right">
              <Button variant="ghost" size="icon" className="hidden md:inline-flex" aria-label="Open sidebar" onClick={toggleCollapsed}>
                <PanelLeftOpen aria-hidden />
              </Button>
            </Tooltip>
          )}
          <ModelPicker />
          <div className="flex-1" />
          {chatId && <ShareDialog key={chatId} chatId={chatId} />}
          <Tooltip label="New chat">
            <NewChatLink aria-label="New chat" className={cn('inline-flex size-9 items-center justify-center rounded-full text-muted-foreground hover:bg-muted hover:text-foreground md:hidden', collapsed && 'md:inline-flex')}>
              <SquarePen className="size-[18px]" aria-hidden />
            </NewChatLink>
          </Tooltip>
        </header>
        {children}
      </main>
    </div>
  );
}
