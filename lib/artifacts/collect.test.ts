import { describe, expect, it } from 'vitest';
import type { FlintUIMessage } from '@/lib/types';
import { collectArtifacts, keepIfUnchanged } from './collect';

const question = (id: string, text: string): FlintUIMessage => ({ id, role: 'user', parts: [{ type: 'text', text }] });
const answer = (id: string, parts: FlintUIMessage['parts'], status: 'done' | 'streaming' = 'done'): FlintUIMessage => ({ id, role: 'assistant', parts, metadata: { status } });
const created = (toolCallId: string, content: string, state: 'input-streaming' | 'output-available' = 'output-available') =>
  ({
    type: 'tool-create_artifact',
    toolCallId,
    state,
    input: { title: 'Paddle game', kind: 'html', content },
    ...(state === 'output-available' ? { output: { artifactId: 'art-1', version: 1, title: 'Paddle game', kind: 'html' } } : {}),
  }) as unknown as FlintUIMessage['parts'][number];

describe('collectArtifacts', () => {
  it('takes each version’s prompt from the question before its answer, and only for answers with artifacts', () => {
    const messages = [question('u1', 'Hello'), answer('a1', [{ type: 'text', text: 'Hi' }]), question('u2', 'Make a game'), answer('a2', [created('call-1', '<p>game</p>')])];
    const [artifact] = collectArtifacts(messages);
    expect(artifact?.versions.map((v) => v.prompt)).toEqual(['Make a game']);
    expect(collectArtifacts(messages.slice(0, 2))).toEqual([]);
  });
});

describe('keepIfUnchanged', () => {
  const messages = [question('u1', 'Make a game'), answer('a1', [created('call-1', '<p>game</p>')])];

  it('hands back the previous list when a new collection is equal, so nothing downstream updates', () => {
    const first = collectArtifacts(messages);
    const again = collectArtifacts([...messages, question('u2', 'thanks'), answer('a2', [{ type: 'text', text: 'You are welcome' }], 'streaming')]);
    expect(again).not.toBe(first);
    expect(keepIfUnchanged(first, again)).toBe(first);
    expect(keepIfUnchanged([], [])).toEqual([]);
  });

  it('hands out the new list when any version changed: more content, a new state, another version', () => {
    const streaming = collectArtifacts([question('u1', 'Make a game'), answer('a1', [created('call-1', '<p>ga', 'input-streaming')], 'streaming')]);
    const more = collectArtifacts([question('u1', 'Make a game'), answer('a1', [created('call-1', '<p>game', 'input-streaming')], 'streaming')]);
    expect(keepIfUnchanged(streaming, more)).toBe(more);
    const saved = collectArtifacts(messages);
    expect(keepIfUnchanged(more, saved)).toBe(saved);
    const second = collectArtifacts([...messages, question('u2', 'Again'), answer('a2', [created('call-2', '<p>two</p>')])]);
    expect(keepIfUnchanged(saved, second)).toBe(second);
    expect(keepIfUnchanged(undefined, saved)).toBe(saved);
  });
});
