import { describe, expect, it } from 'vitest';
import type { FlintUIMessage } from '@/lib/types';
import { collectArtifacts, describeArtifactPart, findSavedVersion } from './collect';
import { artifactDocument, artifactFileName } from './document';
import { artifactFile, inlineVendorScripts } from './download';
import { artifactContentSecurityPolicy } from './sandbox-policy';

describe('artifact documents', () => {
  it('shows an HTML page as written, with the prelude first but after the doctype (no quirks mode)', () => {
    const page = '<!doctype html>\n<html><head><title>x</title></head><body><p>hi</p></body></html>';
    const doc = artifactDocument('html', page);
    expect(doc.startsWith('<!doctype html>\n<html><head><script>')).toBe(true);
    expect(doc).toContain('<title>x</title></head><body><p>hi</p></body></html>');
    expect(artifactDocument('html', '<p>fragment</p>')).toMatch(/^<!doctype html>[\s\S]*<body><p>fragment<\/p><\/body>/);
    expect(artifactDocument('html', '<!DOCTYPE html><body>no head</body>')).toMatch(/^<!DOCTYPE html><script>/);
  });

  it('wraps SVG, Mermaid, Markdown and charts in a page that loads only the library it needs', () => {
    expect(artifactDocument('svg', '<svg viewBox="0 0 1 1"></svg>')).toContain('<body><svg viewBox="0 0 1 1"></svg></body>');
    const mermaid = artifactDocument('mermaid', 'graph TD; A-->B');
    expect(mermaid).toContain('<script src="/api/artifacts/vendor/mermaid.js"></script>');
    expect(mermaid).not.toContain('chart.js');
    expect(artifactDocument('markdown', '# Hi')).toContain('/api/artifacts/vendor/marked.js');
    expect(artifactDocument('chart', '{"type":"bar"}')).toContain('/api/artifacts/vendor/chart.js');
  });

  it('never lets content close the script it is embedded in', () => {
    const hostile = '</script><script>parent.document.cookie</script>';
    for (const kind of ['mermaid', 'markdown', 'chart'] as const) {
      const doc = artifactDocument(kind, hostile);
      expect(doc).not.toContain('</script><script>parent');
      expect(doc).toContain('\\u003c/script>');
    }
  });

  it('follows the app theme when told, the system otherwise', () => {
    expect(artifactDocument('markdown', 'x', 'T', { theme: 'dark' })).toContain(':root{color-scheme:dark;');
    expect(artifactDocument('markdown', 'x', 'T')).toContain('@media (prefers-color-scheme: dark)');
  });

  it('names downloads after the title, with the kind’s extension', () => {
    expect(artifactFileName('Paddle game', 'html')).toBe('paddle-game.html');
    expect(artifactFileName('Café ☕ flow!', 'mermaid')).toBe('cafe-flow.mmd');
    expect(artifactFileName('///', 'markdown')).toBe('artifact.md');
  });
});

describe('downloads', () => {
  it('inlines the libraries a page loads from Flint, so the file works on its own', async () => {
    const fetched: string[] = [];
    const html = '<body><script src="/api/artifacts/vendor/chart.js"></script><script src="https://cdn.example/x.js"></script></body>';
    const out = await inlineVendorScripts(html, async (url) => {
      fetched.push(url);
      return 'window.Chart = 1; "</script>"';
    });
    expect(fetched).toEqual(['/api/artifacts/vendor/chart.js']);
    expect(out).toContain('window.Chart = 1; "<\\/script>"');
    expect(out).toContain('<script src="https://cdn.example/x.js"></script>');
    const file = await artifactFile({ title: 'Flow', kind: 'mermaid', content: 'graph TD; A-->B' }, async () => '');
    expect(file).toEqual({ name: 'flow.mmd', type: 'text/plain;charset=utf-8', body: 'graph TD; A-->B' });
  });
});

describe('the sandbox policy', () => {
  it('allows scripts only inline and from Flint, and no network, forms, base or framing by others', () => {
    const csp = artifactContentSecurityPolicy('https://chat.example.com');
    expect(csp).toMatch(/^sandbox allow-scripts;/);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'unsafe-inline' 'self' https://chat.example.com/api/artifacts/vendor/");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("form-action 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toMatch(/allow-same-origin|allow-top-navigation|allow-popups|allow-forms|unsafe-eval/);
    // A Host header that is not a plain origin is left out rather than trusted.
    expect(artifactContentSecurityPolicy('https://x.com/ evil.com')).toContain("script-src 'unsafe-inline' 'self';");
  });
});

const message = (id: string, role: 'user' | 'assistant', parts: FlintUIMessage['parts'], createdAt?: number): FlintUIMessage => ({ id, role, parts, metadata: { createdAt } });

describe('artifacts in a conversation', () => {
  const messages: FlintUIMessage[] = [
    message('u1', 'user', [{ type: 'text', text: 'make a game' }]),
    message('a1', 'assistant', [
      {
        type: 'tool-create_artifact',
        toolCallId: 'c1',
        state: 'output-available',
        input: { title: 'Game', kind: 'html', content: '<p>v1</p>' },
        output: { artifactId: 'art_1', version: 1, title: 'Game', kind: 'html' },
      },
      { type: 'text', text: 'Here it is.' },
    ], 1000),
    message('u2', 'user', [{ type: 'text', text: 'faster' }]),
    message('a2', 'assistant', [
      {
        type: 'tool-update_artifact',
        toolCallId: 'c2',
        state: 'output-available',
        input: { id: 'art_1', content: '<p>v2</p>' },
        output: { artifactId: 'art_1', version: 2, title: 'Game', kind: 'html' },
      },
    ]),
    message('u3', 'user', [{ type: 'text', text: 'a chart too' }]),
    message('a3', 'assistant', [{ type: 'tool-create_artifact', toolCallId: 'c3', state: 'input-streaming', input: { title: 'Cha', kind: 'chart', content: '{"ty' } }]),
  ];

  it('groups versions under their artifact, in order, each with the message and prompt that made it', () => {
    const artifacts = collectArtifacts(messages);
    expect(artifacts.map((a) => [a.key, a.artifactId])).toEqual([['c1', 'art_1'], ['c3', undefined]]);
    expect(artifacts[0]!.versions.map((v) => [v.version, v.content, v.messageId, v.prompt, v.state, v.kind])).toEqual([
      [1, '<p>v1</p>', 'a1', 'make a game', 'saved', 'html'],
      [2, '<p>v2</p>', 'a2', 'faster', 'saved', 'html'],
    ]);
    expect(artifacts[1]).toMatchObject({ title: 'Cha', kind: 'chart', versions: [{ state: 'streaming', content: '{"ty', artifactId: undefined }] });
  });

  it('marks a version left half-written by a stopped or interrupted answer as not saved', () => {
    const stopped = messages.map((m) => (m.id === 'a3' ? { ...m, metadata: { status: 'stopped' as const } } : m));
    expect(collectArtifacts(stopped)[1]!.versions[0]).toMatchObject({ state: 'error', error: 'the answer was stopped before it was finished' });
    const interrupted = messages.map((m) => (m.id === 'a3' ? { ...m, metadata: { status: 'interrupted' as const } } : m));
    expect(collectArtifacts(interrupted)[1]!.versions[0]).toMatchObject({ state: 'error' });
    expect(collectArtifacts(messages)[1]!.versions[0]!.state).toBe('streaming');
  });

  it('finds a saved version in a snapshot (shared chats), never an unsaved one', () => {
    expect(findSavedVersion(messages, 'art_1', 2)).toEqual({ title: 'Game', kind: 'html', content: '<p>v2</p>' });
    expect(findSavedVersion(messages, 'art_1', 3)).toBeUndefined();
    expect(findSavedVersion(messages, 'c3', 1)).toBeUndefined();
  });

  it('describes a saved artifact to a model in one line with its id', () => {
    const part = messages[1]!.parts[0]!;
    expect(describeArtifactPart(part as never)).toBe('[Created artifact "Game" (id: art_1, kind: html, version 1); the user sees it in the artifact panel.]');
  });
});
