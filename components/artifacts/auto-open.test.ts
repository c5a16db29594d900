import { describe, expect, it } from 'vitest';
import { collectArtifacts } from '@/lib/artifacts/collect';
import type { FlintUIMessage } from '@/lib/types';
import { artifactToOpen } from './auto-open';

const question = (id: string, text: string): FlintUIMessage => ({ id, role: 'user', parts: [{ type: 'text', text }] });
const answer = (id: string, parts: unknown[], status: 'done' | 'streaming' = 'done'): FlintUIMessage => ({ id, role: 'assistant', parts: parts as FlintUIMessage['parts'], metadata: { status } });
const game = { type: 'tool-create_artifact', toolCallId: 'call-1', state: 'output-available', input: { title: 'Paddle game', kind: 'html', content: '<p>v1</p>' }, output: { artifactId: 'art-1', version: 1, title: 'Paddle game', kind: 'html' } };
const update = (input: Record<string, unknown>) => ({ type: 'tool-update_artifact', toolCallId: 'call-2', state: 'input-streaming', input });

describe('artifactToOpen', () => {
  const opened = [question('u1', 'Make a game'), answer('a1', [game])];

  it('opens the artifact of a version that appeared since, once; a failed one only shows its card', () => {
    const seen = new Set<string>();
    expect(artifactToOpen(seen, collectArtifacts(opened))?.key).toBe('call-1');
    expect(artifactToOpen(seen, collectArtifacts(opened))).toBeUndefined();
    const failed = { ...game, toolCallId: 'call-3', state: 'output-error', errorText: 'no', output: undefined };
    expect(artifactToOpen(seen, collectArtifacts([...opened, question('u2', 'Another'), answer('a2', [failed])]))).toBeUndefined();
  });

  it('lets an update wait until its target has streamed, then follows the artifact it changes', () => {
    const seen = new Set(['call-1']);
    const early = collectArtifacts([...opened, question('u2', 'make the paddle faster'), answer('a2', [update({})], 'streaming')]);
    // Before its target's id has streamed, the update stands alone; the panel does not jump to it.
    expect(early.map((a) => a.key)).toEqual(['call-1', 'call-2']);
    expect(artifactToOpen(seen, early)).toBeUndefined();
    const later = collectArtifacts([...opened, question('u2', 'make the paddle faster'), answer('a2', [update({ id: 'art-1', content: '<p>v2' })], 'streaming')]);
    expect(later.map((a) => a.key)).toEqual(['call-1']);
    expect(artifactToOpen(seen, later)?.key).toBe('call-1');
  });
});
