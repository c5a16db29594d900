'use client';
// A conversation with its artifact panel beside it. Derives the artifacts from the messages, keeps
// the panel's state (its own small store: the panel also lives on shared chats), opens the panel by
// itself when an answer starts building an artifact, and loads the panel's code only when opened.
import { createContext, lazy, Suspense, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { collectArtifacts, keepIfUnchanged, type ArtifactView } from '@/lib/artifacts/collect';
import { createArtifactsStore, selectSelection, type ArtifactsSlice, type ArtifactsStore } from '@/lib/store/artifacts-slice';
import type { FlintUIMessage } from '@/lib/types';
import { artifactToOpen } from './auto-open';
import { useIsDesktop } from './use-is-desktop';

const ArtifactPanel = lazy(() => import('./artifact-panel'));

interface Workspace {
  store: ArtifactsStore;
  artifacts: ArtifactView[];
  /** On a shared chat: previews are served through the share link. */
  shareToken?: string;
}

const WorkspaceContext = createContext<Workspace | null>(null);

export function useArtifactWorkspace(): Workspace {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useArtifactWorkspace outside an ArtifactWorkspace');
  return value;
}

export function useArtifactsStore<T>(selector: (state: ArtifactsSlice) => T): T {
  return useStore(useArtifactWorkspace().store, selector);
}

/** Starts loading the panel's code early (a hover or focus on a card), so opening it is instant. */
export function preloadArtifactPanel() {
  void import('./artifact-panel');
}

export function ArtifactWorkspace({ messages, shareToken, children }: { messages: FlintUIMessage[]; shareToken?: string; children: ReactNode }) {
  const [store] = useState(createArtifactsStore);
  const [previous, setPrevious] = useState<ArtifactView[]>();
  const collected = keepIfUnchanged(previous, useMemo(() => collectArtifacts(messages), [messages]));
  if (collected !== previous) setPrevious(collected);
  const artifacts = collected;
  const selection = useStore(store, selectSelection);
  const isDesktop = useIsDesktop();

  useEffect(() => {
    void (store as unknown as { persist: { rehydrate(): Promise<void> } }).persist.rehydrate();
  }, [store]);

  // Versions that existed when the conversation was opened never open the panel by themselves; one
  // that appears afterwards does (on a desktop; a phone shows its card and waits for a tap), whether
  // it is still streaming or a fast model delivered it whole. A failed one only shows its card.
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    const keys = artifacts.flatMap((a) => a.versions.filter((v) => !v.awaitingTarget).map((v) => v.key));
    if (!seen.current) {
      seen.current = new Set(keys);
      return;
    }
    const artifact = artifactToOpen(seen.current, artifacts);
    if (!artifact || !isDesktop) return;
    const current = store.getState().selection;
    // A new version of the artifact already open follows along; anything else opens.
    if (!current || current.artifactKey !== artifact.key || current.versionKey !== null) store.getState().open(artifact.key, null);
  }, [artifacts, isDesktop, store]);

  const workspace = useMemo(() => ({ store, artifacts, shareToken }), [store, artifacts, shareToken]);
  return (
    <WorkspaceContext.Provider value={workspace}>
      <div className="flex min-h-0 min-w-0 flex-1" data-testid="artifact-workspace">
        {children}
        {selection && (
          <Suspense fallback={null}>
            <ArtifactPanel />
          </Suspense>
        )}
      </div>
    </WorkspaceContext.Provider>
  );
}
