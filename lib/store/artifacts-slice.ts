// The artifact panel of one conversation: which artifact and version are open, which tab, and the
// panel's width (remembered). A store of its own, created per conversation view, because the panel
// also lives on shared chats, outside the app shell and its store.
import { createStore } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export type ArtifactTab = 'preview' | 'code';

export interface ArtifactSelection {
  /** ArtifactView.key */
  artifactKey: string;
  /** ArtifactVersionView.key, or null to follow the newest version as it arrives. */
  versionKey: string | null;
}

export interface ArtifactsSlice {
  /** The open artifact; null when the panel is closed. */
  selection: ArtifactSelection | null;
  tab: ArtifactTab;
  /** The desktop panel's share of the conversation's width (0.3–0.75). */
  panelFraction: number;
  open(artifactKey: string, versionKey?: string | null): void;
  close(): void;
  setTab(tab: ArtifactTab): void;
  selectVersion(versionKey: string | null): void;
  setPanelFraction(fraction: number): void;
}

export const PANEL_MIN_FRACTION = 0.3;
export const PANEL_MAX_FRACTION = 0.75;

export function createArtifactsStore() {
  return createStore<ArtifactsSlice>()(
    persist(
      (set) => ({
        selection: null,
        tab: 'preview',
        panelFraction: 0.5,
        open: (artifactKey, versionKey = null) => set({ selection: { artifactKey, versionKey }, tab: 'preview' }),
        close: () => set({ selection: null }),
        setTab: (tab) => set({ tab }),
        selectVersion: (versionKey) => set((state) => (state.selection ? { selection: { ...state.selection, versionKey } } : {})),
        setPanelFraction: (fraction) => set({ panelFraction: Math.min(PANEL_MAX_FRACTION, Math.max(PANEL_MIN_FRACTION, fraction)) }),
      }),
      {
        name: 'flint.artifact-panel',
        storage: createJSONStorage(() => localStorage),
        partialize: (state) => ({ panelFraction: state.panelFraction }),
        skipHydration: true,
      },
    ),
  );
}

export type ArtifactsStore = ReturnType<typeof createArtifactsStore>;

export const selectSelection = (s: ArtifactsSlice) => s.selection;
export const selectTab = (s: ArtifactsSlice) => s.tab;
export const selectPanelFraction = (s: ArtifactsSlice) => s.panelFraction;
