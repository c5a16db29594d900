import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand';
import { createThinkingSlice, liveAgentKey, type ThinkingSlice } from './thinking-slice';

describe('thinking slice', () => {
  it('accumulates each agent’s streamed text and starts over on a retry', () => {
    const store = createStore<ThinkingSlice>()(createThinkingSlice);
    const { appendAgentDeltas } = store.getState();
    appendAgentDeltas([
      { messageId: 'm', agentId: 'a1', attempt: 1, text: 'Hello' },
      { messageId: 'm', agentId: 'a2', attempt: 1, reasoning: 'Hmm' },
      { messageId: 'm', agentId: 'a1', attempt: 1, text: ' world' },
    ]);
    expect(store.getState().liveAgents[liveAgentKey('m', 'a1')]).toEqual({ attempt: 1, text: 'Hello world', reasoning: '' });
    expect(store.getState().liveAgents[liveAgentKey('m', 'a2')]).toEqual({ attempt: 1, text: '', reasoning: 'Hmm' });
    appendAgentDeltas([{ messageId: 'm', agentId: 'a1', attempt: 2, text: 'Again' }]);
    expect(store.getState().liveAgents[liveAgentKey('m', 'a1')]).toEqual({ attempt: 2, text: 'Again', reasoning: '' });
    store.getState().clearLiveAgents();
    expect(store.getState().liveAgents).toEqual({});
  });

  it('counts focus requests so the same citation can be followed twice', () => {
    const store = createStore<ThinkingSlice>()(createThinkingSlice);
    store.getState().focusAgent('m', 'a2');
    const first = store.getState().focusedAgent!;
    store.getState().focusAgent('m', 'a2');
    expect(store.getState().focusedAgent).toEqual({ messageId: 'm', agentId: 'a2', seq: first.seq + 1 });
  });
});
