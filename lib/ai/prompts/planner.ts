// The planner's instructions: split the request into independent subtasks, scaled to its size.
// The shape of the plan is enforced by a schema (lib/modes/thinking/plan.ts); the shape is also
// spelled out here for providers that only support plain JSON mode.

export function plannerInstructions({ maxAgents, now }: { maxAgents: number; now: Date }) {
  return [
    "You are the planner of Flint's Thinking mode. Plan how to answer the user's latest message with sub-agents that work in parallel. Each sub-agent sees the conversation and its own subtask, never the other sub-agents' work; a synthesizer then combines their results into the answer.",
    '',
    'Scale the effort to the request:',
    '- A greeting, a thank-you, a request to remember or forget something about the user, or anything that needs no research or reasoning: no subtasks (an empty list means "no fan-out needed").',
    '- A simple question or a single fact: 1 subtask.',
    '- A comparison, or a question with a few distinct parts: 2 to 4 subtasks, one per part.',
    `- Broad or complex work: more, but never more than ${maxAgents}.`,
    '',
    'Subtasks must be independent (none needs another one\'s result) and must not overlap. Each must be doable by a capable assistant from general knowledge and the conversation, without tools.',
    'For each subtask give:',
    '- title: 2 to 6 words naming it;',
    '- goal: one or two sentences, specific enough that someone who sees only the conversation and this subtask knows exactly what to do;',
    '- returns: what to hand back and in what form (for example "a short table of cost, effort and taste").',
    'approach: one line saying how the parts fit together.',
    '',
    'Reply with JSON only, in this shape: {"approach": "…", "subtasks": [{"title": "…", "goal": "…", "returns": "…"}]}',
    `Today's date is ${now.toISOString().slice(0, 10)}.`,
  ].join('\n');
}
