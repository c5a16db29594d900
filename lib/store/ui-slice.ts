import type { StateCreator } from 'zustand';

export interface UiSlice {
  /** The sidebar on phones (a drawer); desktop keeps its own collapsed state. */
  mobileSidebarOpen: boolean;
  sidebarCollapsed: boolean;
  setMobileSidebarOpen(open: boolean): void;
  toggleSidebarCollapsed(): void;
}

export const createUiSlice: StateCreator<UiSlice, [], [], UiSlice> = (set) => ({
  mobileSidebarOpen: false,
  sidebarCollapsed: false,
  setMobileSidebarOpen: (mobileSidebarOpen) => set({ mobileSidebarOpen }),
  toggleSidebarCollapsed: () => set((state) => ({ sidebarCollapsed: !state.sidebarCollapsed })),
});
