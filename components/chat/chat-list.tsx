'use client';
import { Loader2, Search, X } from 'lucide-react';
import { usePathname, useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { toast } from 'sonner';
import { deleteChat, listGeneratingChats, listRecentChats, renameChat, restoreChat, searchChats } from '@/app/(chat)/actions';
import { groupByRecency } from '@/lib/recency';
import { selectChats, useFlintStore, useFlintStoreApi } from '@/lib/store';
import type { ChatSummary } from '@/lib/types';
import { ChatListItem } from './chat-list-item';

/** The sidebar's chats: grouped by recency, more loaded on scroll, searchable, renamable, deletable with undo. */
export function ChatList({ onNavigate }: { onNavigate?(): void }) {
  const store = useFlintStoreApi();
  const chats = useFlintStore(selectChats);
  const nextCursor = useFlintStore((s) => s.nextCursor);
  const pathname = usePathname();
  const router = useRouter();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<ChatSummary[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const sentinel = useRef<HTMLDivElement>(null);
  const anyGenerating = chats.some((chat) => chat.generating);

  // While answers are being written (in this tab, another tab or on another server), ask every few
  // seconds which still are, so their marks go away when they finish.
  useEffect(() => {
    if (!anyGenerating) return;
    const timer = setInterval(async () => {
      if (document.visibilityState !== 'visible') return;
      const result = await listGeneratingChats();
      if (result.ok) store.getState().syncGenerating(result.value);
    }, 2500);
    return () => clearInterval(timer);
  }, [anyGenerating, store]);

  // Search as you type, debounced; the newest query wins.
  useEffect(() => {
    const trimmed = query.trim();
    if (!trimmed) return;
    let current = true;
    const timer = setTimeout(async () => {
      setSearching(true);
      const result = await searchChats({ query: trimmed });
      if (!current) return;
      setSearching(false);
      setResults(result.ok ? result.value : []);
      if (!result.ok) toast.error(result.message);
    }, 180);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  // Load the next page when the end of the list scrolls into view.
  useEffect(() => {
    const element = sentinel.current;
    if (!element || !nextCursor || query.trim()) return;
    const observer = new IntersectionObserver(async ([entry]) => {
      if (!entry?.isIntersecting || loadingMore) return;
      setLoadingMore(true);
      const result = await listRecentChats({ cursor: nextCursor });
      setLoadingMore(false);
      if (result.ok) store.getState().appendChats(result.value.chats, result.value.nextCursor);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [nextCursor, query, loadingMore, store]);

  // Stable, so the list's memoised items do not render again when one chat moves.
  const pathnameRef = useRef(pathname);
  useEffect(() => {
    pathnameRef.current = pathname;
  }, [pathname]);
  const rename = useCallback(async (chat: ChatSummary, title: string) => {
    const result = await renameChat({ chatId: chat.id, title });
    if (!result.ok) {
      toast.error(result.message);
      return false;
    }
    store.getState().setChatTitle(chat.id, result.value.title);
    setResults((current) => current?.map((c) => (c.id === chat.id ? { ...c, title: result.value.title } : c)) ?? null);
    return true;
  }, [store]);

  const remove = useCallback(async (chat: ChatSummary) => {
    const removed = store.getState().removeChat(chat.id);
    setResults((current) => current?.filter((c) => c.id !== chat.id) ?? null);
    const result = await deleteChat({ chatId: chat.id });
    if (!result.ok) {
      if (removed) store.getState().insertChat(removed.chat, removed.index);
      toast.error(result.message);
      return;
    }
    if (pathnameRef.current === `/c/${chat.id}`) router.push('/');
    toast('Chat deleted', {
      description: chat.title ?? undefined,
      duration: 6000,
      action: {
        label: 'Undo',
        onClick: async () => {
          const restored = await restoreChat({ chatId: chat.id });
          if (!restored.ok) return toast.error(restored.message);
          if (removed) store.getState().insertChat(removed.chat, removed.index);
        },
      },
    });
  }, [router, store]);

  const searchActive = query.trim().length > 0;
  const shown = searchActive ? (results ?? []) : chats;

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="relative px-2 pt-3">
        <Search className="pointer-events-none absolute top-1/2 left-5 mt-1.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
        <input
          type="search"
          data-testid="chat-search"
          aria-label="Search chats"
          placeholder="Search chats"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            if (!event.target.value.trim()) setResults(null);
          }}
          className="h-9 w-full rounded-xl border border-transparent bg-muted/70 pr-8 pl-9 text-sm outline-none placeholder:text-muted-foreground focus:border-foreground/20 focus:bg-background [&::-webkit-search-cancel-button]:hidden"
        />
        {searchActive && (
          <button type="button" aria-label="Clear search" onClick={() => (setQuery(''), setResults(null))} className="absolute top-1/2 right-4 mt-1.5 -translate-y-1/2 text-muted-foreground hover:text-foreground">
            {searching ? <Loader2 className="size-4 animate-spin" aria-hidden /> : <X className="size-4" aria-hidden />}
          </button>
        )}
      </div>
      <nav aria-label="Chats" className="scroll-quiet mt-2 min-h-0 flex-1 overflow-y-auto px-2 pb-2" data-testid="chat-list">
        {searchActive ? (
          <>
            <h2 className="px-2.5 pt-2 pb-1 text-xs font-medium text-muted-foreground">{results ? `${results.length} result${results.length === 1 ? '' : 's'}` : 'Searching…'}</h2>
            <ul className="flex flex-col gap-px">
              {shown.map((chat) => (
                <li key={chat.id}>
                  <ChatListItem chat={chat} active={pathname === `/c/${chat.id}`} onNavigate={onNavigate} onRename={rename} onDelete={remove} />
                </li>
              ))}
            </ul>
            {results?.length === 0 && <p className="px-2.5 py-2 text-[13px] text-muted-foreground">No chats match “{query.trim()}”.</p>}
          </>
        ) : (
          <>
            {groupByRecency(chats).map(({ group, items }) => (
              <section key={group} className="mb-3" data-testid="chat-group" data-group={group}>
                <h2 className="px-2.5 pt-2 pb-1 text-xs font-medium text-muted-foreground">{group}</h2>
                <ul className="flex flex-col gap-px">
                  {items.map((chat) => (
                    <li key={chat.id}>
                      <ChatListItem chat={chat} active={pathname === `/c/${chat.id}`} onNavigate={onNavigate} onRename={rename} onDelete={remove} />
                    </li>
                  ))}
                </ul>
              </section>
            ))}
            {chats.length === 0 && <p className="px-2.5 py-2 text-[13px] text-muted-foreground">Your chats will appear here.</p>}
            {nextCursor && (
              <div ref={sentinel} data-testid="chat-list-more" className="flex justify-center py-3">
                <Loader2 className="size-4 animate-spin text-muted-foreground" aria-hidden />
              </div>
            )}
          </>
        )}
      </nav>
    </div>
  );
}
