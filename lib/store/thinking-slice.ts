import type { StateCreator } from 'zustand';
import type { AgentDeltaData } from '@/lib/types';

/** One sub-agent's output as it streams in, from `data-agent-delta` chunks. */
export interface LiveAgentOutput {
  attempt: number;
  text: string;
  reasoning: string;
}

export interface FocusedAgent {
  messageId: string;
  agentId: string;
  /** Changes on every request, so citing the same agent twice scrolls to it twice. */
  seq: number;
}

export interface ThinkingSlice {
  /** By `messageId/agentId`. Only while a run streams; the saved snapshots take over afterwards. */
  liveAgents: Record<string, LiveAgentOutput>;
  /** The agent card a citation pointed at. */
  focusedAgent: FocusedAgent | null;
  appendAgentDeltas(deltas: AgentDeltaData[]): void;
  clearLiveAgents(): void;
  focusAgent(messageId: string, agentId: string): void;
}

export const liveAgentKey = (messageId: string, agentId: string) => `${messageId}/${agentId}`;

export const createThinkingSlice: StateCreator<ThinkingSlice, [], [], ThinkingSlice> = (set) => ({
  liveAgents: {},
  focusedAgent: null,
  appendAgentDeltas: (deltas) =>
    set((state) => {
      const next = { ...state.liveAgents };
      for (const delta of deltas) {
        const key = liveAgentKey(delta.messageId, delta.agentId);
        const current = next[key];
        // A retry starts a new attempt: its output replaces the previous one.
        const base = current && current.attempt === delta.attempt ? current : { attempt: delta.attempt, text: '', reasoning: '' };
        next[key] = { attempt: base.attempt, text: base.text + (delta.text ?? ''), reasoning: base.reasoning + (delta.reasoning ?? '') };
      }
      return { liveAgents: next };
    }),
  clearLiveAgents: () => set({ liveAgents: {} }),
  focusAgent: (messageId, agentId) => set((state) => ({ focusedAgent: { messageId, agentId, seq: (state.focusedAgent?.seq ?? 0) + 1 } })),
});
