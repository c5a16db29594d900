// The client store: one zustand store combined from domain slices, created per app mount and
// handed down by context, so server rendering never shares state between requests. Components use
// `useFlintStore(selector)` with the selectors below.
'use client';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { ChatSummary, ModelOption, QuotaStatus, Viewer } from '@/lib/types';
import { createAttachmentsSlice, type AttachmentsSlice, type VisionSupport } from './attachments-slice';
import { createChatsSlice, type ChatsSlice } from './chats-slice';
import { AUTO_MODEL, createComposerSlice, type ComposerSlice } from './composer-slice';
import { createThinkingSlice, liveAgentKey, type ThinkingSlice } from './thinking-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

export type FlintStore = ComposerSlice & ChatsSlice & UiSlice & AttachmentsSlice & ThinkingSlice;

export interface StoreSeed {
  chats: ChatSummary[];
  nextCursor: string | null;
  models: ModelOption[];
  viewer: Viewer | null;
  quota: QuotaStatus | null;
  vision: VisionSupport;
}

export function createFlintStore(initial: StoreSeed) {
  return createStore<FlintStore>()(
    persist(
      (...a) => ({ ...createComposerSlice(...a), ...createChatsSlice(...a), ...createUiSlice(...a), ...createAttachmentsSlice(...a), ...createThinkingSlice(...a), ...initial }),
      {
        name: 'flint.preferences',
        storage: createJSONStorage(() => localStorage),
        partialize: (state) => ({ mode: state.mode, model: state.model, sidebarCollapsed: state.sidebarCollapsed }),
        // Rehydrated after mount so the server render and the first client render agree.
        skipHydration: true,
      },
    ),
  );
}

const StoreContext = createContext<StoreApi<FlintStore> | null>(null);

export function FlintStoreProvider({ seed, children }: { seed: StoreSeed; children: ReactNode }) {
  const [store] = useState(() => createFlintStore(seed));
  const { models, viewer, chats, nextCursor, quota, vision } = seed;
  useEffect(() => {
    void (store as unknown as { persist: { rehydrate(): Promise<void> } }).persist.rehydrate();
  }, [store]);
  // A new server render (sign-in, sign-out, refresh) brings fresh data for the same store.
  useEffect(() => {
    store.setState({ models, vision });
  }, [store, models, vision]);
  useEffect(() => {
    store.setState({ viewer, chats, nextCursor, quota });
  }, [store, viewer, chats, nextCursor, quota]);
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useFlintStoreApi(): StoreApi<FlintStore> {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useFlintStore outside FlintStoreProvider');
  return store;
}

export function useFlintStore<T>(selector: (state: FlintStore) => T): T {
  return useStore(useFlintStoreApi(), selector);
}

export { AUTO_MODEL };

export const selectMode = (s: FlintStore) => s.mode;
export const selectModel = (s: FlintStore) => s.model;
export const selectModels = (s: FlintStore) => s.models;
export const selectChats = (s: FlintStore) => s.chats;
export const selectViewer = (s: FlintStore) => s.viewer;
export const selectQuota = (s: FlintStore) => s.quota;
export const selectAttachments = (s: FlintStore) => s.attachments;
export const selectAttachmentNotice = (s: FlintStore) => s.attachmentNotice;
export const selectVision = (s: FlintStore) => s.vision;
export { selectActiveAttachments, type Attachment } from './attachments-slice';
/** The picked model if it is still available, else auto. */
export const selectEffectiveModel = (s: FlintStore) => (s.models.some((m) => m.id === s.model) ? s.model : AUTO_MODEL);
/** A sub-agent's output streamed so far in this browser, if any. */
export const selectLiveAgent = (messageId: string, agentId: string) => (s: FlintStore) => s.liveAgents[liveAgentKey(messageId, agentId)];
/** The agent card a citation in this message points at, if any. */
export const selectFocusedAgent = (messageId: string) => (s: FlintStore) => (s.focusedAgent?.messageId === messageId ? s.focusedAgent : null);
