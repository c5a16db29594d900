// Plan: the planner role turns the conversation into an approach and 0…N subtasks, as structured
// output validated by a zod schema. The cap on subtasks is told to the planner and enforced here.
import 'server-only';
import { generateText, Output, type ModelMessage } from 'ai';
import { z } from 'zod';
import { plannerInstructions } from '@/lib/ai/prompts/planner';
import { modelForRole } from '@/lib/ai/routing';
import type { PlannedSubtask, ThinkingPlanData, Usage } from '@/lib/types';

export const planSchema = z.object({
  approach: z.string().describe('One line: how the parts fit together.'),
  subtasks: z
    .array(
      z.object({
        title: z.string().describe('2 to 6 words naming the subtask.'),
        goal: z.string().describe('What the sub-agent must work out, specific enough to act on alone.'),
        returns: z.string().describe('What the sub-agent hands back, and in what form.'),
      }),
    )
    .describe('Independent subtasks worked on in parallel; empty when no fan-out is needed.'),
});
export type PlanOutput = z.infer<typeof planSchema>;

function clip(text: string, max: number) {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1).trimEnd()}…` : clean;
}

/** Tidies the planner's output: trims text, drops empty subtasks, keeps at most `maxAgents`. */
export function normalizePlan(output: PlanOutput, maxAgents: number): Pick<ThinkingPlanData, 'approach' | 'subtasks' | 'direct' | 'proposed'> {
  const proposed = output.subtasks.filter((s) => s.title.trim() || s.goal.trim());
  const subtasks: PlannedSubtask[] = proposed.slice(0, maxAgents).map((s, i) => ({
    id: `a${i + 1}`,
    title: clip(s.title || s.goal, 80),
    goal: clip(s.goal || s.title, 600),
    returns: clip(s.returns || 'A concise result.', 300),
  }));
  return {
    approach: clip(output.approach || 'Answer the request directly.', 300),
    subtasks,
    direct: subtasks.length === 0,
    ...(proposed.length > maxAgents ? { proposed: proposed.length } : {}),
  };
}

/** One subtask covering the whole request: what a run does when planning fails. */
export function wholeRequestPlan(): Pick<ThinkingPlanData, 'approach' | 'subtasks' | 'direct'> {
  return {
    approach: 'One sub-agent works on the whole request.',
    subtasks: [{ id: 'a1', title: 'The whole request', goal: "Answer the user's latest message in full.", returns: 'A complete, well-organised answer.' }],
    direct: false,
  };
}

export interface PlanRequest {
  messages: ModelMessage[];
  maxAgents: number;
  /** What the user told Flint about themselves (custom instructions, memories), if anything. */
  personal?: string;
  preferredModel?: string;
  /** The history holds images: route to a model that can see them. */
  needsVision?: boolean;
  signal: AbortSignal;
}

export async function planRun(request: PlanRequest): Promise<ThinkingPlanData> {
  let selected: { model: string; modelLabel: string } | undefined;
  const { model } = await modelForRole('planner', {
    preferred: request.preferredModel,
    needsVision: request.needsVision,
    onSelected: (option) => (selected = { model: option.id, modelLabel: option.label }),
  });
  const result = await generateText({
    model,
    instructions: [plannerInstructions({ maxAgents: request.maxAgents, now: new Date() }), request.personal].filter(Boolean).join('\n\n'),
    messages: request.messages,
    output: Output.object({ schema: planSchema, name: 'plan' }),
    abortSignal: request.signal,
    maxRetries: 0,
    providerOptions: { offline: { task: 'plan' } },
  });
  const usage: Usage = { inputTokens: result.totalUsage.inputTokens, outputTokens: result.totalUsage.outputTokens };
  return { ...normalizePlan(result.output, request.maxAgents), ...selected, usage };
}
