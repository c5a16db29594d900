// The artifact routes as the browser meets them: a version's document for its owner with the
// sandbox policy, the same document through a share link whose snapshot shows it, the same
// not-found page for everything else, the live sandbox page and the vendor libraries.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as preview } from '@/app/api/artifacts/[id]/versions/[version]/preview/route';
import { GET as sandbox } from '@/app/api/artifacts/sandbox/route';
import { GET as vendor } from '@/app/api/artifacts/vendor/[file]/route';
import { actAs, createGuest, type TestUser } from '@/lib/auth/test-session';
import { createArtifact } from '@/lib/db/artifacts';
import { ensureChat } from '@/lib/db/chats';
import { createAssistantMessage, listMessages, saveUserMessage, updateAssistantMessage } from '@/lib/db/messages';
import { createShare } from '@/lib/db/shares';
import { useTestDatabase } from '@/lib/db/test-databases';

vi.mock('next/headers', async () => (await import('@/lib/auth/test-session')).nextHeadersMock);

const origin = 'http://flint.test';

function get(id: string, version: string, { query = '', headers = {} }: { query?: string; headers?: Record<string, string> } = {}) {
  return preview(new Request(`${origin}/api/artifacts/${id}/versions/${version}/preview${query}`, { headers: { host: 'flint.test', ...headers } }), {
    params: Promise.resolve({ id, version }),
  });
}

describe('artifact routes', () => {
  useTestDatabase('pglite');
  let alice: TestUser;
  let bob: TestUser;
  let artifactId: string;
  let laterId: string;
  let shareToken: string;

  beforeAll(async () => {
    alice = await createGuest();
    bob = await createGuest();
    const chatId = 'chat-with-artifact';
    await ensureChat(alice.id, chatId, null);
    await saveUserMessage(chatId, { id: 'u1', parts: [{ type: 'text', text: 'draw' }] });
    await createAssistantMessage(chatId, 'a1', { status: 'streaming' });
    const content = '<svg viewBox="0 0 10 10"><circle r="4" cx="5" cy="5"/></svg>';
    ({ artifactId } = await createArtifact({ userId: alice.id, chatId, messageId: 'a1', title: 'Dot', kind: 'svg', content }));
    await updateAssistantMessage('a1', {
      status: 'done',
      metadata: {},
      parts: [
        {
          type: 'tool-create_artifact',
          toolCallId: 'c1',
          state: 'output-available',
          input: { title: 'Dot', kind: 'svg', content },
          output: { artifactId, version: 1, title: 'Dot', kind: 'svg' },
        },
      ],
    });
    ({ token: shareToken } = await createShare(alice.id, chatId, 'Shared', await listMessages(chatId)));
    // Made after the link: the snapshot does not show it.
    ({ artifactId: laterId } = await createArtifact({ userId: alice.id, chatId, messageId: 'a1', title: 'Later', kind: 'markdown', content: '# later' }));
  });

  afterAll(() => actAs(null));

  it('serves the owner the version as a sandboxed document', async () => {
    actAs(alice);
    const response = await get(artifactId, '1', { query: '?theme=dark', headers: { 'sec-fetch-dest': 'iframe' } });
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain('<circle r="4" cx="5" cy="5"/>');
    expect(body).toContain(':root{color-scheme:dark;');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toMatch(/^sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline' 'self' http:\/\/flint\.test\/api\/artifacts\/vendor\//);
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await get(laterId, '1')).status).toBe(200);
  });

  it('refuses everything else with one and the same not-found page', async () => {
    actAs(alice);
    const missing = await get('art_doesnotexist', '1');
    const expected = { status: 404, body: await missing.text(), csp: missing.headers.get('content-security-policy') };
    expect(expected.csp).toContain('sandbox allow-scripts');
    const same = async (response: Response) => expect({ status: response.status, body: await response.text(), csp: response.headers.get('content-security-policy') }).toEqual(expected);

    await same(await get(artifactId, '2'));
    await same(await get('../../etc/passwd', '1'));
    await same(await get(artifactId, '0'));
    await same(await get(artifactId, '1e3'));
    // Opened as a page of its own (it could navigate itself anywhere), even by its owner.
    await same(await get(artifactId, '1', { headers: { 'sec-fetch-dest': 'document' } }));
    actAs(bob);
    await same(await get(artifactId, '1'));
    actAs(null);
    await same(await get(artifactId, '1'));
  });

  it('shows a shared chat’s artifacts through its link, and only those its snapshot shows', async () => {
    actAs(null);
    const shared = await get(artifactId, '1', { query: `?share=${shareToken}` });
    expect(shared.status).toBe(200);
    expect(await shared.text()).toContain('<circle r="4"');
    expect((await get(laterId, '1', { query: `?share=${shareToken}` })).status).toBe(404);
    expect((await get(artifactId, '1', { query: '?share=not-a-real-token-at-all' })).status).toBe(404);
    expect((await get(artifactId, '1', { query: '?share=' })).status).toBe(404);
  });

  it('serves the live sandbox page with the same policy', async () => {
    const response = sandbox(new Request(`${origin}/api/artifacts/sandbox`, { headers: { host: 'flint.test' } }));
    expect(response.headers.get('content-security-policy')).toMatch(/^sandbox allow-scripts; default-src 'none';/);
    const body = await response.text();
    expect(body).toContain("data.flintArtifact === 'show'");
    expect(body).toContain('event.source === parent');
  });

  it('serves the libraries from node_modules with long caching, and nothing else', async () => {
    const first = await vendor(new Request(`${origin}/api/artifacts/vendor/chart.js`), { params: Promise.resolve({ file: 'chart.js' }) });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(first.headers.get('cache-control')).toContain('max-age=604800');
    expect(await first.text()).toContain('Chart.js v4');
    const etag = first.headers.get('etag')!;
    const again = await vendor(new Request(`${origin}/api/artifacts/vendor/chart.js`, { headers: { 'if-none-match': etag } }), { params: Promise.resolve({ file: 'chart.js' }) });
    expect(again.status).toBe(304);
    const game = await vendor(new Request(`${origin}/api/artifacts/vendor/flint-game.js`), { params: Promise.resolve({ file: 'flint-game.js' }) });
    expect(await game.text()).toContain('window.FlintGame');
    for (const file of ['../package.json', 'package.json', 'constructor', '__proto__']) {
      expect((await vendor(new Request(`${origin}/api/artifacts/vendor/x`), { params: Promise.resolve({ file }) })).status).toBe(404);
    }
  });
});
