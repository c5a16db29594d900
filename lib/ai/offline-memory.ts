// How the offline demo model handles memory, deterministically: explicit "remember that …" and
// "forget …" requests become tool calls, tool results become a short confirmation, and memories
// given in the system prompt are shown in the answer.
import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { MEMORY_HEADING } from './prompts/personal';

export interface MemoryRequest {
  tool: 'remember' | 'forget';
  input: { memory: string; pinned?: boolean };
}

function capitalise(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "teach" → "Teaches", "live" → "Lives". */
function thirdPerson(verb: string) {
  return capitalise(/(ch|sh|s|x|z)$/i.test(verb) ? `${verb}es` : `${verb}s`);
}

/** "I'm vegetarian" → "Is vegetarian"; "call me Sam" → "Wants to be called Sam" (pinned). */
export function toMemory(statement: string): { memory: string; pinned: boolean } {
  const text = statement.trim().replace(/[.!]+$/, '');
  const rules: Array<[RegExp, (m: RegExpMatchArray) => string, boolean]> = [
    [/^(?:please\s+)?call me\s+(.+)$/i, (m) => `Wants to be called ${m[1]}`, true],
    [/^my name is\s+(.+)$/i, (m) => `Name is ${m[1]}`, true],
    [/^(?:always\s+)?(?:answer|respond|reply|write)\s+in\s+(.+)$/i, (m) => `Prefers answers in ${m[1]}`, true],
    [/^i(?:'| a)m\s+(.+)$/i, (m) => `Is ${m[1]}`, false],
    [/^i have\s+(.+)$/i, (m) => `Has ${m[1]}`, false],
    [/^i (like|love|prefer|teach|work|live|use|speak|study|watch)\s+(.+)$/i, (m) => `${m[1] === 'study' ? 'Studies' : thirdPerson(m[1]!)} ${m[2]}`, false],
    [/^my\s+(.+)$/i, (m) => `Their ${m[1]}`, false],
  ];
  for (const [pattern, rewrite, pinned] of rules) {
    const match = text.match(pattern);
    if (match) return { memory: rewrite(match), pinned };
  }
  return { memory: capitalise(text), pinned: false };
}

/** An explicit request to remember or forget, when the tool is offered. */
export function memoryRequest(text: string, tools: string[]): MemoryRequest | undefined {
  const trimmed = text.trim();
  const remember = trimmed.match(/^(?:please\s+)?remember(?:\s+that)?\s*[:,]?\s+([\s\S]+)$/i);
  if (remember && tools.includes('remember')) return { tool: 'remember', input: toMemory(remember[1]!) };
  const forget = trimmed.match(/^(?:please\s+)?forget(?:\s+that)?\s*[:,]?\s+([\s\S]+)$/i);
  if (forget && tools.includes('forget')) return { tool: 'forget', input: { memory: toMemory(forget[1]!).memory } };
  return undefined;
}

/** The follow-up after a tool ran: what the last tool message says happened. */
export function toolFollowUp(prompt: LanguageModelV4Prompt): string | undefined {
  const last = prompt.at(-1);
  if (!last || last.role !== 'tool') return undefined;
  const lines: string[] = [];
  for (const part of last.content) {
    if (part.type !== 'tool-result') continue;
    const output = (part.output.type === 'json' ? part.output.value : undefined) as Record<string, unknown> | undefined;
    if (part.toolName === 'remember') {
      if (output?.saved) lines.push(output.duplicate ? `I already remember that: **${output.content}**.` : `Got it. I'll remember that: **${output.content}**.`);
      else lines.push(`I didn't save that. ${output?.reason ?? 'Something went wrong.'}`);
    } else if (part.toolName === 'forget') {
      lines.push(output?.forgotten ? `Done. I've forgotten: **${output.content}**.` : `I couldn't find a memory matching that, so nothing was deleted.`);
    }
  }
  return lines.length ? lines.join('\n\n') : undefined;
}

/** The memories listed under the memory heading of the system prompt. */
export function memoriesInPrompt(prompt: LanguageModelV4Prompt): string[] {
  const system = prompt.filter((m) => m.role === 'system').map((m) => m.content as string).join('\n');
  const start = system.indexOf(MEMORY_HEADING);
  if (start < 0) return [];
  const memories: string[] = [];
  for (const line of system.slice(start + MEMORY_HEADING.length).split('\n').slice(1)) {
    if (!line.startsWith('- ')) break;
    memories.push(line.slice(2).trim());
  }
  return memories;
}
