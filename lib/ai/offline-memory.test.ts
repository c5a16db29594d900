import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { memoriesInPrompt, memoryRequest, toMemory, toolFollowUp } from './offline-memory';
import { personalInstructions } from './prompts/personal';

describe('offline model and memory', () => {
  it('turns explicit "remember that …" requests into a remember call, only when the tool is offered', () => {
    expect(memoryRequest('Remember that I am vegetarian', ['remember', 'forget'])).toEqual({ tool: 'remember', input: { memory: 'Is vegetarian', pinned: false } });
    expect(memoryRequest('please remember: call me Sam', ['remember'])).toEqual({ tool: 'remember', input: { memory: 'Wants to be called Sam', pinned: true } });
    expect(memoryRequest('Remember that I teach physics to 15-year-olds.', ['remember'])?.input.memory).toBe('Teaches physics to 15-year-olds');
    expect(memoryRequest('Remember that I am vegetarian', [])).toBeUndefined();
    expect(memoryRequest('Do you remember the Alamo?', ['remember'])).toBeUndefined();
    expect(memoryRequest('forget that I am vegetarian', ['forget'])).toEqual({ tool: 'forget', input: { memory: 'Is vegetarian' } });
  });

  it('rewrites first-person statements into short memories', () => {
    expect(toMemory("I'm allergic to peanuts")).toEqual({ memory: 'Is allergic to peanuts', pinned: false });
    expect(toMemory('my name is Ada')).toEqual({ memory: 'Name is Ada', pinned: true });
    expect(toMemory('answer in metric units')).toEqual({ memory: 'Prefers answers in metric units', pinned: true });
    expect(toMemory('I live in Lisbon')).toEqual({ memory: 'Lives in Lisbon', pinned: false });
  });

  it('confirms what the tool did from its result', () => {
    const after = (toolName: string, value: unknown): LanguageModelV4Prompt => [
      { role: 'user', content: [{ type: 'text', text: 'remember that I am vegetarian' }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName, output: { type: 'json', value: value as never } }] },
    ];
    expect(toolFollowUp(after('remember', { saved: true, id: 'm', content: 'Is vegetarian' }))).toBe("Got it. I'll remember that: **Is vegetarian**.");
    expect(toolFollowUp(after('remember', { saved: false, content: 'x', reason: 'Not saved because it looks like a password.' }))).toMatch(/^I didn't save that\. Not saved because it looks like a password/);
    expect(toolFollowUp(after('forget', { forgotten: true, id: 'm', content: 'Is vegetarian' }))).toBe("Done. I've forgotten: **Is vegetarian**.");
    expect(toolFollowUp([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }])).toBeUndefined();
  });

  it('reads the memories given in the system prompt', () => {
    const system = personalInstructions({ aboutMe: 'A teacher', responseStyle: '', memories: [{ id: '1', content: 'Is vegetarian' }, { id: '2', content: 'Lives in Lisbon' }], canRemember: true });
    expect(memoriesInPrompt([{ role: 'system', content: system }])).toEqual(['Is vegetarian', 'Lives in Lisbon']);
    expect(memoriesInPrompt([{ role: 'system', content: 'no memories here' }])).toEqual([]);
  });
});
