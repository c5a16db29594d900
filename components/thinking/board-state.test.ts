import { describe, expect, it } from 'vitest';
import type { AgentData, FlintUIMessage, ThinkingRunData } from '@/lib/types';
import { agentDisplayStatus, formatDuration, formatTokens, readBoard, runDisplayPhase, runSummary } from './board-state';

const budgets = { maxAgents: 6, concurrency: 4, agentMaxTokens: 4000, maxSeconds: 300 };
const run = (extra: Partial<ThinkingRunData> = {}): ThinkingRunData => ({ phase: 'done', startedAt: 0, budgets, ...extra });
const agent = (index: number, status: AgentData['status']): AgentData => ({
  id: `a${index}`,
  index,
  title: `Part ${index}`,
  goal: 'g',
  returns: 'r',
  status,
  attempt: 1,
  text: '',
  elapsedMs: 0,
});

describe('the board in a message', () => {
  it('reads run, plan and agents (in citation order) from the data parts', () => {
    const message: FlintUIMessage = {
      id: 'm',
      role: 'assistant',
      parts: [
        { type: 'data-run', id: 'run', data: run() },
        { type: 'data-plan', id: 'plan', data: { approach: 'Two parts.', subtasks: [], direct: false } },
        { type: 'data-agent', id: 'a2', data: agent(2, 'done') },
        { type: 'data-agent', id: 'a1', data: agent(1, 'failed') },
        { type: 'text', text: 'Answer [1]' },
      ],
    };
    const board = readBoard(message)!;
    expect(board.plan?.approach).toBe('Two parts.');
    expect(board.agents.map((a) => a.id)).toEqual(['a1', 'a2']);
    expect(readBoard({ id: 'x', role: 'assistant', parts: [{ type: 'text', text: 'Instant' }] })).toBeUndefined();
  });

  it('shows agents of a run cut off by a crash as interrupted, and of a stopped run as cancelled, never as running', () => {
    expect(agentDisplayStatus(agent(1, 'running'), 'streaming')).toBe('running');
    expect(agentDisplayStatus(agent(1, 'running'), 'interrupted')).toBe('interrupted');
    expect(agentDisplayStatus(agent(1, 'queued'), 'interrupted')).toBe('interrupted');
    expect(agentDisplayStatus(agent(1, 'running'), 'stopped')).toBe('cancelled');
    expect(agentDisplayStatus(agent(1, 'done'), 'interrupted')).toBe('done');
    expect(runDisplayPhase(run({ phase: 'working' }), 'interrupted')).toBe('interrupted');
    expect(runDisplayPhase(run({ phase: 'working' }), 'streaming')).toBe('working');
    expect(runDisplayPhase(run({ phase: 'stopped' }), 'stopped')).toBe('stopped');
  });

  it('sums the run up in one line', () => {
    const board = { run: run({ durationMs: 18_200, usage: { inputTokens: 4100, outputTokens: 2080 } }), agents: [1, 2, 3, 4].map((i) => agent(i, 'done')) };
    expect(runSummary(board)).toBe('4 agents · 18 s · 6.2k tokens');
    expect(runSummary({ run: run({ durationMs: 2000, usage: { inputTokens: 300, outputTokens: 40 } }), agents: [] })).toBe('Direct answer · 2 s · 340 tokens');
    expect(formatTokens(999)).toBe('999');
    expect(formatTokens(12_345)).toBe('12k');
    expect(formatDuration(64_000)).toBe('1 min 4 s');
  });
});
