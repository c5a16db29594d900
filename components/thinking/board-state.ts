// Reads a Thinking answer's board from its message parts, and the small formatting rules the board
// shares (statuses, times, token counts).
import type { AgentData, AgentStatus, FlintUIMessage, MessageStatus, ThinkingPlanData, ThinkingRunData } from '@/lib/types';

export interface BoardState {
  run: ThinkingRunData;
  plan?: ThinkingPlanData;
  agents: AgentData[];
}

/** The board of a Thinking answer, or undefined for any other message. */
export function readBoard(message: FlintUIMessage): BoardState | undefined {
  let run: ThinkingRunData | undefined;
  let plan: ThinkingPlanData | undefined;
  const agents: AgentData[] = [];
  for (const part of message.parts) {
    if (part.type === 'data-run') run = part.data;
    else if (part.type === 'data-plan') plan = part.data;
    else if (part.type === 'data-agent') agents.push(part.data);
  }
  if (!run) return undefined;
  return { run, plan, agents: agents.sort((a, b) => a.index - b.index) };
}

/** What a card shows: a saved agent still marked as working belongs to a run that was cut off. */
export type AgentDisplayStatus = AgentStatus | 'interrupted';

export function agentDisplayStatus(agent: AgentData, messageStatus: MessageStatus): AgentDisplayStatus {
  if (messageStatus === 'streaming') return agent.status;
  if (agent.status === 'queued' || agent.status === 'running') return messageStatus === 'stopped' ? 'cancelled' : 'interrupted';
  return agent.status;
}

export type RunDisplayPhase = ThinkingRunData['phase'] | 'interrupted';

export function runDisplayPhase(run: ThinkingRunData, messageStatus: MessageStatus): RunDisplayPhase {
  if (messageStatus === 'streaming') return run.phase;
  if (messageStatus === 'interrupted' || run.phase === 'planning' || run.phase === 'working' || run.phase === 'synthesizing') {
    return messageStatus === 'stopped' ? 'stopped' : messageStatus === 'error' ? 'failed' : messageStatus === 'done' ? 'done' : 'interrupted';
  }
  return run.phase;
}

/** `agent-<message>-<agent>`: the card's anchor, which citations link to. */
export const agentDomId = (messageId: string, agentId: string) => `agent-${messageId}-${agentId}`;

export function formatTokens(n: number): string {
  if (n < 1000) return String(Math.round(n));
  if (n < 10_000) return `${(n / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  if (n < 1_000_000) return `${Math.round(n / 1000)}k`;
  return `${(n / 1_000_000).toFixed(1).replace(/\.0$/, '')}M`;
}

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
}

export const totalTokens = (usage: { inputTokens?: number; outputTokens?: number } | undefined) => (usage?.inputTokens ?? 0) + (usage?.outputTokens ?? 0);

/** "4 agents · 18 s · 6.2k tokens" */
export function runSummary(board: BoardState): string {
  const count = board.agents.length;
  const parts = [count === 0 ? 'Direct answer' : `${count} ${count === 1 ? 'agent' : 'agents'}`];
  const duration = board.run.durationMs ?? board.run.elapsedMs;
  if (duration !== undefined) parts.push(formatDuration(duration));
  const tokens = totalTokens(board.run.usage);
  if (tokens > 0) parts.push(`${formatTokens(tokens)} tokens`);
  return parts.join(' · ');
}
