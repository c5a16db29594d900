'use client';
// Citation markers in a Thinking answer: "[2]" in the synthesis becomes a small numbered button that
// scrolls to sub-agent 2's card and highlights it (expanding the board if it was collapsed).
import { createContext, useContext, type ReactNode } from 'react';
import { useReleaseScroll } from '@/components/chat/scroll-release';
import { useFlintStore } from '@/lib/store';
import { agentDomId } from './board-state';

export interface CitationTargets {
  messageId: string;
  /** By citation number. */
  agents: Record<number, { id: string; title: string }>;
}

export const CitationContext = createContext<CitationTargets | null>(null);

export function useCitations() {
  return useContext(CitationContext);
}

export function CitationLink({ n, children }: { n: number; children?: ReactNode }) {
  const targets = useCitations();
  const focusAgent = useFlintStore((s) => s.focusAgent);
  const releaseScroll = useReleaseScroll();
  const agent = targets?.agents[n];
  if (!targets || !agent) return <>{children ?? `[${n}]`}</>;
  return (
    <a
      href={`#${agentDomId(targets.messageId, agent.id)}`}
      data-testid="citation"
      data-agent-id={agent.id}
      title={`From sub-agent ${n}: ${agent.title}`}
      aria-label={`Source: sub-agent ${n}, ${agent.title}`}
      onClick={(event) => {
        event.preventDefault();
        // The board opens above: keep the list from pulling the view back to the bottom.
        releaseScroll();
        focusAgent(targets.messageId, agent.id);
      }}
      className="mx-px inline-flex h-[1.15rem] min-w-[1.15rem] -translate-y-px items-center justify-center rounded-full bg-accent-soft px-1 align-middle text-[11px] leading-none font-semibold text-accent no-underline tabular-nums transition-colors hover:bg-accent hover:text-accent-foreground"
    >
      {n}
    </a>
  );
}
