import type { StateCreator } from 'zustand';
import type { ChatMode } from '@/lib/types';

export const AUTO_MODEL = 'auto';

export interface ComposerSlice {
  mode: ChatMode;
  /** `auto` (each mode's configured model) or a `provider:model-id` the user picked. */
  model: string;
  setMode(mode: ChatMode): void;
  setModel(model: string): void;
}

export const createComposerSlice: StateCreator<ComposerSlice, [], [], ComposerSlice> = (set) => ({
  mode: 'instant',
  model: AUTO_MODEL,
  setMode: (mode) => set({ mode }),
  setModel: (model) => set({ model }),
});
