'use client';
// Lets something inside a message take the scroll position (a citation jumping to its agent card)
// without the message list pulling it back to the bottom as content grows. Outside a chat (a shared
// page) there is no lock to release.
import { createContext, useContext, type ReactNode } from 'react';
import { useStickToBottomContext } from 'use-stick-to-bottom';

const ReleaseScrollContext = createContext<() => void>(() => {});

export function useReleaseScroll() {
  return useContext(ReleaseScrollContext);
}

/** Inside a StickToBottom: hands its stopScroll down. */
export function ScrollReleaseProvider({ children }: { children: ReactNode }) {
  const { stopScroll } = useStickToBottomContext();
  return <ReleaseScrollContext.Provider value={stopScroll}>{children}</ReleaseScrollContext.Provider>;
}
