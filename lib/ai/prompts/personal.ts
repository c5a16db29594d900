// What the model is told about its user: custom instructions and the memories chosen for this
// turn. The memory block's heading is also how the offline model finds them.
import type { UsedMemory } from '@/lib/memory/select';

export const MEMORY_HEADING = '## What you remember about the user';

export interface PersonalContext {
  aboutMe: string;
  responseStyle: string;
  memories: UsedMemory[];
  /** Whether the remember/forget tools are available this turn. */
  canRemember: boolean;
}

export function personalInstructions(context: PersonalContext): string {
  const parts: string[] = [];
  if (context.aboutMe.trim()) parts.push(`## About the user (their own words)\n${context.aboutMe.trim()}`);
  if (context.responseStyle.trim()) parts.push(`## How the user wants you to respond\n${context.responseStyle.trim()}`);
  if (context.memories.length) {
    parts.push(`${MEMORY_HEADING}\n${context.memories.map((m) => `- ${m.content}`).join('\n')}\nUse these when they help; do not list them back unprompted.`);
  }
  if (context.canRemember) {
    parts.push(
      [
        '## Memory',
        'When the user states a durable fact or preference about themselves (diet, name, job, family, units, language, how they like answers), call `remember` with one short sentence, then answer normally.',
        'Set `pinned` for things that apply to every conversation (their name, language, units, tone).',
        'When they ask you to forget something, call `forget`. Never remember passwords, card numbers, keys, health identifiers or other secrets.',
      ].join('\n'),
    );
  }
  return parts.join('\n\n');
}
