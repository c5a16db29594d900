// The synthesizer's instructions and the brief listing every sub-agent's result. Results are
// numbered like the agent cards, so the answer's [n] markers link to the card they came from. The
// section headings (`### [n] Title — status`) are also what the offline model reads.
import type { AgentStatus, BudgetLimit } from '@/lib/types';

export interface SynthesisInput {
  index: number;
  title: string;
  goal: string;
  status: AgentStatus;
  text: string;
  error?: string;
  limit?: BudgetLimit;
}

export function synthesizerInstructions({ now }: { now: Date }) {
  return [
    "You are the synthesizer of Flint's Thinking mode. Sub-agents each worked on one part of the user's latest message; their results follow. Write the final answer to the user from them.",
    'Answer the user directly and well organised, in Markdown; do not describe the process or the agents beyond what the rules below ask.',
    'Cite where each part came from with footnote markers right after the claim: [1], [2] (the numbers of the sub-agents below; several may be cited, as [1][3]). Only cite numbers listed below.',
    'Where sub-agents disagree, say so and show both views with their markers. If a sub-agent failed, was cancelled or was cut off, say briefly what is missing from the answer because of it.',
    'Use only what the sub-agents returned and the conversation; never invent facts, figures, citations or links. Keep LaTeX math and fenced code blocks intact.',
    `Today's date is ${now.toISOString().slice(0, 10)}.`,
  ].join('\n');
}

const statusLine: Record<AgentStatus, string> = {
  done: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
  queued: 'not started',
  running: 'not finished',
};

export function synthesisBrief({ approach, agents }: { approach: string; agents: SynthesisInput[] }) {
  const sections = agents.map((agent) => {
    const partial = agent.status !== 'done' && agent.text.trim() && agent.limit === 'time';
    const status = agent.limit === 'time' ? 'cut off at the time limit' : agent.limit === 'tokens' ? 'done (stopped at its token limit)' : statusLine[agent.status];
    const lines = [`### [${agent.index}] ${agent.title} — ${status}`, `Goal: ${agent.goal}`];
    if (agent.status === 'done' || partial) lines.push(partial ? 'Partial result:' : 'Result:', agent.text.trim() || '(empty)');
    else lines.push(agent.error ? `No result: ${agent.error}` : 'No result.');
    return lines.join('\n');
  });
  return [`The plan: ${approach}`, '', 'Results of the sub-agents:', '', sections.join('\n\n'), '', "Now write the answer to the user's latest message."].join('\n');
}
