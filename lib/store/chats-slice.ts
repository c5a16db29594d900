import type { StateCreator } from 'zustand';
import type { ChatSummary, ModelOption, QuotaStatus, Viewer } from '@/lib/types';

export interface ChatsSlice {
  chats: ChatSummary[];
  /** Cursor for the next (older) page of chats; null when all are loaded. */
  nextCursor: string | null;
  models: ModelOption[];
  viewer: Viewer | null;
  quota: QuotaStatus | null;
  setChats(chats: ChatSummary[], nextCursor: string | null): void;
  appendChats(chats: ChatSummary[], nextCursor: string | null): void;
  setModels(models: ModelOption[]): void;
  setQuota(quota: QuotaStatus | null): void;
  /** Moves a chat to the top (it just got a message), adding it if new. */
  touchChat(id: string, title?: string | null): void;
  setChatTitle(id: string, title: string): void;
  /** Fills in titles the server has and the list does not (titles can arrive after an answer). */
  mergeTitles(chats: ChatSummary[]): void;
  /** Removes a chat from the list, returning it and its position (for undo). */
  removeChat(id: string): { chat: ChatSummary; index: number } | undefined;
  insertChat(chat: ChatSummary, index: number): void;
  /** Marks one chat as generating or not (this tab started or finished its answer). */
  setGenerating(id: string, generating: boolean): void;
  /** The full set of chats generating right now, as the server reports it. */
  syncGenerating(ids: string[]): void;
}

export const createChatsSlice: StateCreator<ChatsSlice, [], [], ChatsSlice> = (set, get) => ({
  chats: [],
  nextCursor: null,
  models: [],
  viewer: null,
  quota: null,
  setChats: (chats, nextCursor) => set({ chats, nextCursor }),
  appendChats: (chats, nextCursor) =>
    set((state) => {
      const known = new Set(state.chats.map((chat) => chat.id));
      return { chats: [...state.chats, ...chats.filter((chat) => !known.has(chat.id))], nextCursor };
    }),
  setModels: (models) => set({ models }),
  setQuota: (quota) => set({ quota }),
  touchChat: (id, title) =>
    set((state) => {
      const existing = state.chats.find((chat) => chat.id === id);
      const updated: ChatSummary = { id, title: title ?? existing?.title ?? null, updatedAt: new Date().toISOString(), ...(existing?.generating ? { generating: true } : {}) };
      return { chats: [updated, ...state.chats.filter((chat) => chat.id !== id)] };
    }),
  setChatTitle: (id, title) => set((state) => ({ chats: state.chats.map((chat) => (chat.id === id ? { ...chat, title } : chat)) })),
  mergeTitles: (fresh) =>
    set((state) => {
      const titles = new Map(fresh.filter((chat) => chat.title).map((chat) => [chat.id, chat.title]));
      return { chats: state.chats.map((chat) => (!chat.title && titles.has(chat.id) ? { ...chat, title: titles.get(chat.id)! } : chat)) };
    }),
  removeChat: (id) => {
    const index = get().chats.findIndex((chat) => chat.id === id);
    if (index < 0) return undefined;
    const chat = get().chats[index]!;
    set((state) => ({ chats: state.chats.filter((c) => c.id !== id) }));
    return { chat, index };
  },
  setGenerating: (id, generating) =>
    set((state) => {
      if (!state.chats.some((chat) => chat.id === id && Boolean(chat.generating) !== generating)) return state;
      return { chats: state.chats.map((chat) => (chat.id === id ? { ...chat, generating } : chat)) };
    }),
  syncGenerating: (ids) =>
    set((state) => {
      const live = new Set(ids);
      if (!state.chats.some((chat) => Boolean(chat.generating) !== live.has(chat.id))) return state;
      return { chats: state.chats.map((chat) => (Boolean(chat.generating) === live.has(chat.id) ? chat : { ...chat, generating: live.has(chat.id) })) };
    }),
  insertChat: (chat, index) =>
    set((state) => {
      const chats = state.chats.filter((c) => c.id !== chat.id);
      chats.splice(Math.min(index, chats.length), 0, chat);
      return { chats };
    }),
});
