import type { StateCreator } from 'zustand';
import type { ChatSummary, ModelOption } from '@/lib/types';

export interface ChatsSlice {
  chats: ChatSummary[];
  models: ModelOption[];
  setChats(chats: ChatSummary[]): void;
  setModels(models: ModelOption[]): void;
  /** Moves a chat to the top (it just got a message), adding it if new. */
  touchChat(id: string, title?: string | null): void;
  setChatTitle(id: string, title: string): void;
}

export const createChatsSlice: StateCreator<ChatsSlice, [], [], ChatsSlice> = (set) => ({
  chats: [],
  models: [],
  setChats: (chats) => set({ chats }),
  setModels: (models) => set({ models }),
  touchChat: (id, title) =>
    set((state) => {
      const existing = state.chats.find((chat) => chat.id === id);
      const updated: ChatSummary = { id, title: title ?? existing?.title ?? null, updatedAt: new Date().toISOString() };
      return { chats: [updated, ...state.chats.filter((chat) => chat.id !== id)] };
    }),
  setChatTitle: (id, title) => set((state) => ({ chats: state.chats.map((chat) => (chat.id === id ? { ...chat, title } : chat)) })),
});
