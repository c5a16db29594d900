// Every user sees only their own data. User A builds a chat with messages, a running answer, a
// share and a deleted chat; user B then tries every entry point with A's ids. Each must answer
// exactly as it does for an id that does not exist, and A's data must not change.
//
// The entry points are found in the code: every export of a 'use server' module, every route
// handler and every page with a dynamic segment. One without a probe below fails this suite.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resetProvidersForTests } from '@/lib/ai/providers';
import { actAs, createAccount, createGuest, type TestUser } from '@/lib/auth/test-session';
import { mintChatId } from '@/lib/chat-ids';
import { createArtifact } from '@/lib/db/artifacts';
import { getDb } from '@/lib/db/client';
import { databaseKinds, useTestDatabase } from '@/lib/db/test-databases';
import { resetEnvForTests } from '@/lib/env';

vi.mock('next/headers', async () => (await import('@/lib/auth/test-session')).nextHeadersMock);

const appDir = path.resolve(__dirname);

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(entries.map((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)])));
  return files.flat().filter((file) => !file.endsWith('.test.ts') && !file.endsWith('.test.tsx'));
}

interface EntryPoint {
  name: string;
  load(): Promise<unknown>;
}

/** Server actions, route handlers and dynamic pages, as found on disk. */
async function discoverEntryPoints(): Promise<EntryPoint[]> {
  const files = await walk(appDir);
  const found: EntryPoint[] = [];
  for (const file of files) {
    const relative = path.relative(appDir, file).split(path.sep).join('/');
    const source = await readFile(file, 'utf8');
    if (/^\s*['"]use server['"]/.test(source)) {
      const mod = await import(/* @vite-ignore */ file);
      for (const [exported, value] of Object.entries(mod)) {
        if (typeof value === 'function') found.push({ name: `action ${relative}#${exported}`, load: async () => value });
      }
    }
    if (/\/?route\.tsx?$/.test(relative)) {
      const mod = await import(/* @vite-ignore */ file);
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
        if (typeof mod[method] === 'function') found.push({ name: `route ${relative} ${method}`, load: async () => mod[method] });
      }
    }
    if (/page\.tsx$/.test(relative) && /\[[^\]]+\]/.test(relative)) {
      found.push({ name: `page ${relative}`, load: async () => (await import(/* @vite-ignore */ file)).default });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** What a probe compares: the answer for A's id and for a missing id must be identical. */
type Answer = unknown;

interface World {
  alice: TestUser;
  bob: TestUser;
  chatId: string;
  /** Alice's images: one in the shared chat, one in another chat, one uploaded and not sent. */
  sharedImageId: string;
  sentImageId: string;
  unsentImageId: string;
  shareToken: string;
  runningChatId: string;
  deletedChatId: string;
  assistantId: string;
  /** Alice's artifact in her chat (her share link's snapshot predates it). */
  artifactId: string;
  memoryId: string;
  missing: string;
}

async function settle(value: unknown): Promise<Answer> {
  // Streams are not comparable; nothing here should succeed, so a stream is itself a failure.
  if (value && typeof value === 'object' && 'ok' in value && (value as { ok: boolean }).ok) {
    const inner = (value as unknown as { value: unknown }).value;
    if (inner instanceof ReadableStream || (inner as { stream?: unknown })?.stream instanceof ReadableStream) return { ok: true, value: 'a stream of someone else’s chat' };
  }
  if (value instanceof Response) return responseAnswer(value);
  return value;
}

/** A route's Response, reduced to what can be compared. */
async function responseAnswer(response: Response): Promise<Answer> {
  return { status: response.status, code: response.status === 404 ? 'not_found' : 'found', body: await response.text() };
}

async function pageAnswer(render: () => Promise<unknown>): Promise<Answer> {
  try {
    await render();
    return 'rendered';
  } catch (error) {
    return { digest: (error as { digest?: string }).digest };
  }
}

/** A route handler's response, as something comparable. */
async function httpAnswer(response: Response): Promise<Answer> {
  return { status: response.status, body: await response.text(), cacheControl: response.headers.get('cache-control') };
}

type ImageGet = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

/** Probe per entry point: call it as Bob with Alice's id(s), and with a missing id. */
const probes: Record<string, { run(fn: never, world: World, id: string): Promise<Answer>; ids(world: World): string[] } | { exempt: string }> = {
  'route api/chats/[id]/messages/route.ts POST': {
    ids: (w) => [w.chatId, w.runningChatId, w.deletedChatId],
    // A new message, and an answer asked for again (of Alice's answer, which Bob knows the id of).
    run: async (POST: (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>, w, id) => {
      const post = async (body: unknown) =>
        httpAnswer(await POST(new Request(`http://localhost:3000/api/chats/${id}/messages`, { method: 'POST', body: JSON.stringify(body) }), { params: Promise.resolve({ id }) }));
      return {
        submit: await post({ trigger: 'submit-message', message: { id: `m-${Math.random().toString(36).slice(2)}`, text: 'let me in' }, mode: 'instant' }),
        regenerate: await post({ trigger: 'regenerate-message', messageId: w.assistantId, mode: 'instant' }),
      };
    },
  },
  'action (chat)/actions.ts#stopChatGeneration': { ids: (w) => [w.runningChatId, w.chatId], run: async (fn: (i: unknown) => Promise<unknown>, _w, id) => settle(await fn({ chatId: id })) },
  'action (chat)/actions.ts#cancelAgent': { ids: (w) => [w.runningChatId, w.chatId], run: async (fn: (i: unknown) => Promise<unknown>, _w, id) => settle(await fn({ chatId: id, agentId: 'a1' })) },
  'action (chat)/actions.ts#retryAgent': { ids: (w) => [w.runningChatId, w.chatId], run: async (fn: (i: unknown) => Promise<unknown>, _w, id) => settle(await fn({ chatId: id, agentId: 'a1' })) },
  'action (chat)/actions.ts#resumeChatStream': { ids: (w) => [w.runningChatId, w.chatId], run: async (fn: (i: unknown) => Promise<unknown>, _w, id) => settle(await fn({ chatId: id })) },
  'action (chat)/actions.ts#renameChat': { ids: (w) => [w.chatId, w.deletedChatId], run: async (fn: (i: unknown) => Promise<unknown>, _w, id) => settle(await fn({ chatId: id, title: 'pwned' })) },
  'action (chat)/actions.ts#deleteChat': { ids: (w) => [w.chatId, w.runningChatId], run: async (fn: (i: unknown) => Promise<unknown>, _w, id) => settle(await fn({ chatId: id })) },
  'action (chat)/actions.ts#restoreChat': { ids: (w) => [w.deletedChatId, w.chatId], run: async (fn: (i: unknown) => Promise<unknown>, _w, id) => settle(await fn({ chatId: id })) },
  'action (chat)/actions.ts#getChatShare': { ids: (w) => [w.chatId], run: async (fn: (i: unknown) => Promise<unknown>, _w, id) => settle(await fn({ chatId: id })) },
  'action (chat)/actions.ts#shareChat': { ids: (w) => [w.chatId], run: async (fn: (i: unknown) => Promise<unknown>, _w, id) => settle(await fn({ chatId: id })) },
  'action (chat)/actions.ts#revokeChatShare': { ids: (w) => [w.chatId], run: async (fn: (i: unknown) => Promise<unknown>, _w, id) => settle(await fn({ chatId: id })) },
  'route api/chats/[id]/prepare/route.ts POST': {
    ids: (w) => [w.chatId, w.runningChatId, w.deletedChatId],
    run: async (POST: (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>, _w, id) =>
      httpAnswer(await POST(new Request(`http://localhost:3000/api/chats/${id}/prepare`, { method: 'POST', body: '{}' }), { params: Promise.resolve({ id }) })),
  },
  'route api/images/[id]/route.ts GET': {
    ids: (w) => [w.sharedImageId, w.sentImageId, w.unsentImageId],
    run: async (GET: ImageGet, _w, id) => {
      const get = (query: string) => GET(new Request(`http://localhost:3000/api/images/${id}${query}`), { params: Promise.resolve({ id }) }).then(httpAnswer);
      return { full: await get(''), thumb: await get('?variant=thumb') };
    },
  },
  'action (chat)/actions.ts#setTemporaryChat': { ids: (w) => [w.chatId], run: async (fn: (i: unknown) => Promise<unknown>, _w, id) => settle(await fn({ chatId: id, temporary: true })) },
  'action (chat)/memory/actions.ts#editMemory': { ids: (w) => [w.memoryId], run: async (fn: (i: unknown) => Promise<unknown>, _w, id) => settle(await fn({ id, content: 'Bob was here' })) },
  'action (chat)/memory/actions.ts#removeMemory': { ids: (w) => [w.memoryId], run: async (fn: (i: unknown) => Promise<unknown>, _w, id) => settle(await fn({ id })) },
  'action (chat)/memory/actions.ts#getMemoryOverview': { exempt: 'the caller’s own memories (checked: Bob never sees Alice’s)' },
  'action (chat)/memory/actions.ts#addMemory': { exempt: 'adds to the caller’s own memories' },
  'action (chat)/memory/actions.ts#removeAllMemories': { exempt: 'deletes the caller’s own memories (checked: Alice’s stay)' },
  'action (chat)/memory/actions.ts#setMemoryEnabled': { exempt: 'the caller’s own setting' },
  'action (chat)/memory/actions.ts#saveCustomInstructions': { exempt: 'the caller’s own setting' },
  'page (chat)/c/[id]/page.tsx': {
    ids: (w) => [w.chatId, w.deletedChatId],
    run: async (Page: (props: { params: Promise<{ id: string }> }) => Promise<unknown>, _w, id) => pageAnswer(() => Page({ params: Promise.resolve({ id }) })),
  },
  'route api/artifacts/[id]/versions/[version]/preview/route.ts GET': {
    ids: (w) => [w.artifactId],
    // As Bob himself, and through Alice's share link (its snapshot does not show this artifact).
    run: async (GET: (request: Request, context: { params: Promise<{ id: string; version: string }> }) => Promise<Response>, w, id) => ({
      own: await responseAnswer(await GET(new Request(`http://localhost:3000/api/artifacts/${id}/versions/1/preview`), { params: Promise.resolve({ id, version: '1' }) })),
      viaShare: await responseAnswer(
        await GET(new Request(`http://localhost:3000/api/artifacts/${id}/versions/1/preview?share=${w.shareToken}`), { params: Promise.resolve({ id, version: '1' }) }),
      ),
    }),
  },
  // Entry points that take no ids: they act on the caller's own data, checked separately below.
  'action (chat)/actions.ts#listRecentChats': { exempt: 'lists the caller’s own chats (checked: Bob never sees Alice’s)' },
  'action (chat)/actions.ts#searchChats': { exempt: 'searches the caller’s own chats (checked: Bob never finds Alice’s)' },
  'action (chat)/actions.ts#getQuota': { exempt: 'reports the caller’s own quota' },
  'action (chat)/actions.ts#listGeneratingChats': { exempt: 'lists the caller’s own generating chats (checked: Bob never sees Alice’s)' },
  'route api/health/route.ts GET': { exempt: 'reports server health; touches no user data' },
  'route api/artifacts/sandbox/route.ts GET': { exempt: 'the live preview’s empty sandbox page; holds no data until the panel posts into it' },
  'route api/artifacts/vendor/[file]/route.ts GET': { exempt: 'public library files (Chart.js, Mermaid…); no user data' },
  'route api/images/route.ts POST': { exempt: 'uploads a new image owned by the caller; takes no ids (routes.test.ts covers it)' },
  'route api/auth/[...all]/route.ts GET': { exempt: 'Better Auth: acts only on the caller’s own session' },
  'route api/auth/[...all]/route.ts POST': { exempt: 'Better Auth: acts only on the caller’s own session' },
  'page share/[token]/page.tsx': { exempt: 'public by design: holding the unguessable token is the permission; revoked tokens are tested in e2e' },
};

/** Everything of Alice's, to prove a probe changed nothing. */
async function snapshot(userId: string) {
  const db = await getDb();
  const chats = await db.chat.findMany({
    where: { userId },
    orderBy: { id: 'asc' },
    include: { messages: { orderBy: { seq: 'asc' } }, shares: { orderBy: { id: 'asc' } }, artifacts: { orderBy: { id: 'asc' }, include: { versions: { orderBy: { version: 'asc' } } } } },
  });
  const images = await db.image.findMany({ where: { userId }, orderBy: { id: 'asc' } });
  const memories = await db.memory.findMany({ where: { userId }, orderBy: { id: 'asc' } });
  const preferences = await db.preferences.findUnique({ where: { userId } });
  // The answer still being written keeps growing; only its identity and status are compared.
  const stable = chats.map((chat) => ({
    ...chat,
    messages: chat.messages.map((m) => (m.status === 'streaming' ? { id: m.id, role: m.role, status: m.status } : m)),
  }));
  return JSON.stringify({ chats: stable, images, memories, preferences }, (key, value) => (key === 'updatedAt' ? undefined : value));
}

for (const { kind, skip } of databaseKinds) {
  describe.skipIf(skip)(`isolation between users on ${kind}`, () => {
    useTestDatabase(kind);
    const saved = { ...process.env };
    let world: World;
    let entryPoints: EntryPoint[];

    beforeAll(async () => {
      for (const name of ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'GOOGLE_GENERATIVE_AI_API_KEY', 'OPENAI_COMPATIBLE_BASE_URL', 'OLLAMA_BASE_URL']) delete process.env[name];
      process.env.FLINT_OFFLINE_TOKENS_PER_SECOND = '5';
      resetEnvForTests();
      resetProvidersForTests();
      entryPoints = await discoverEntryPoints();
      const actions = await import('./(chat)/actions');
      const { sendChatMessage } = await import('./(chat)/send');

      const alice = await createAccount();
      const bob = await createGuest();
      actAs(alice);
      const chat = await mintChatId();
      const running = await mintChatId();
      const deleted = await mintChatId();
      const { POST: upload } = await import('./api/images/route');
      const uploadImage = async (name: string) => {
        const body = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#f97316' } }).png().toBuffer();
        const response = await upload(new Request('http://localhost:3000/api/images', { method: 'POST', headers: { 'x-filename': name }, body: new Uint8Array(body) }));
        if (response.status !== 201) throw new Error(`upload failed: ${await response.text()}`);
        return ((await response.json()) as { image: { id: string } }).image.id;
      };
      const [sharedImageId, sentImageId, unsentImageId] = [await uploadImage('shared.png'), await uploadImage('sent.png'), await uploadImage('unsent.png')];
      const send = async (chatId: string, token: string, text: string, attachments: string[] = [], mode = 'instant') => {
        const result = await sendChatMessage({ trigger: 'submit-message', chatId, newChatToken: token, message: { id: `m-${Math.random().toString(36).slice(2)}`, text, attachments }, mode });
        if (!result.ok) throw new Error(result.message);
        return result.value;
      };
      // A finished exchange (stopped right away, so it is quick), then a share of it.
      const first = await send(chat.chatId, chat.token, 'Alice’s secret plan about zeppelins', [sharedImageId]);
      await actions.stopChatGeneration({ chatId: chat.chatId });
      for await (const _ of first) void _;
      const shared = await actions.shareChat({ chatId: chat.chatId });
      if (!shared.ok) throw new Error(shared.message);
      // A chat that is deleted (restorable), and one whose answer (a Thinking run, with sub-agents
      // someone could try to cancel) is still being written.
      const gone = await send(deleted.chatId, deleted.token, 'to be deleted');
      await actions.stopChatGeneration({ chatId: deleted.chatId });
      for await (const _ of gone) void _;
      await actions.deleteChat({ chatId: deleted.chatId });
      await send(running.chatId, running.token, 'Alice’s long running question', [sentImageId], 'thinking');

      const { addMemory, saveCustomInstructions } = await import('./(chat)/memory/actions');
      const memory = await addMemory({ content: 'Is allergic to peanuts' });
      if (!memory.ok) throw new Error(memory.message);
      await saveCustomInstructions({ aboutMe: 'Alice, a zeppelin pilot', responseStyle: 'Short answers' });

      const db = await getDb();
      // A new chat is created and its message and title written moments after the model is asked;
      // let all three chats and their titles land before comparing snapshots.
      await vi.waitFor(async () => expect(await db.chat.count({ where: { userId: alice.id, title: { not: null } } })).toBe(3), { timeout: 10_000 });
      const assistant = await db.message.findFirst({ where: { chatId: chat.chatId, role: 'assistant' } });
      const artifact = await createArtifact({
        userId: alice.id,
        chatId: chat.chatId,
        messageId: assistant!.id,
        title: 'Alice’s secret dashboard',
        kind: 'html',
        content: '<p>zeppelin launch codes</p>',
      });
      world = {
        alice,
        bob,
        chatId: chat.chatId,
        sharedImageId,
        sentImageId,
        unsentImageId,
        shareToken: shared.value.token,
        runningChatId: running.chatId,
        deletedChatId: deleted.chatId,
        assistantId: assistant!.id,
        artifactId: artifact.artifactId,
        memoryId: memory.value.id,
        missing: (await mintChatId()).chatId,
      };
    });

    afterAll(async () => {
      actAs(world?.alice ?? null);
      if (world) await (await import('./(chat)/actions')).stopChatGeneration({ chatId: world.runningChatId });
      actAs(null);
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      resetEnvForTests();
      resetProvidersForTests();
    });

    it('every entry point found in the code has an isolation probe (add one for a new action, route or page)', () => {
      const unprobed = entryPoints.map((e) => e.name).filter((name) => !(name in probes));
      expect(unprobed).toEqual([]);
      // Probes for entry points that no longer exist are stale.
      const stale = Object.keys(probes).filter((name) => !entryPoints.some((e) => e.name === name));
      expect(stale).toEqual([]);
      expect(entryPoints.length).toBeGreaterThanOrEqual(27);
    });

    it('refuses Bob every one of Alice’s ids exactly as it refuses a missing id, and changes nothing of hers', async () => {
      let checked = 0;
      for (const entry of entryPoints) {
        const probe = probes[entry.name];
        if (!probe || 'exempt' in probe) continue;
        const fn = (await entry.load()) as never;
        for (const id of probe.ids(world)) {
          const before = await snapshot(world.alice.id);
          actAs(world.bob);
          const forAlicesId = await probe.run(fn, world, id);
          const forMissingId = await probe.run(fn, world, world.missing);
          actAs(null);
          expect(forAlicesId, `${entry.name} with Alice's ${id}`).toEqual(forMissingId);
          expect(JSON.stringify(forAlicesId), `${entry.name} must refuse`).toMatch(/not_found|NEXT_HTTP_ERROR_FALLBACK;404/);
          expect(await snapshot(world.alice.id), `${entry.name} changed Alice's data`).toBe(before);
          checked++;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(20);
      // Alice's answer is still being written: Bob's stop did not stop it, nor his cancel her sub-agent.
      const { activeRunForChat } = await import('@/lib/runs/registry');
      expect(activeRunForChat(world.runningChatId)).toBeDefined();
      const { cancelAgent } = await import('./(chat)/actions');
      actAs(world.alice);
      await vi.waitFor(async () => expect(await cancelAgent({ chatId: world.runningChatId, agentId: 'a1' })).toEqual({ ok: true, value: { cancelled: true } }), { timeout: 10_000 });
      actAs(null);
      // Her run ends without its only sub-agent; the tests after this compare snapshots of her data.
      await vi.waitFor(() => expect(activeRunForChat(world.runningChatId)).toBeUndefined(), { timeout: 10_000 });
    });

    it('lists and searches only the caller’s own chats and memories', async () => {
      const { listGeneratingChats, listRecentChats, searchChats } = await import('./(chat)/actions');
      const { getMemoryOverview, removeAllMemories } = await import('./(chat)/memory/actions');
      actAs(world.bob);
      expect(await getMemoryOverview()).toEqual({ ok: true, value: { memories: [], preferences: { memoryEnabled: true, aboutMe: '', responseStyle: '' } } });
      const before = await snapshot(world.alice.id);
      expect(await removeAllMemories()).toEqual({ ok: true, value: { removed: 0 } });
      expect(await snapshot(world.alice.id)).toBe(before);
      const bobs = await listRecentChats({});
      expect(bobs).toEqual({ ok: true, value: { chats: [], nextCursor: null } });
      expect(await searchChats({ query: 'zeppelins' })).toEqual({ ok: true, value: [] });
      expect(await listGeneratingChats()).toEqual({ ok: true, value: [] });
      actAs(world.alice);
      const generating = await listGeneratingChats();
      expect(generating.ok && generating.value.every((id) => id === world.runningChatId)).toBe(true);
      const alices = await listRecentChats({});
      expect(alices.ok && alices.value.chats.map((c) => c.id)).toContain(world.chatId);
      const found = await searchChats({ query: 'zeppel' });
      expect(found.ok && found.value.map((c) => c.id)).toEqual([world.chatId]);
      actAs(null);
    });

    it('what was read ahead for Alice’s next send is never used for anyone else’s', async () => {
      const { POST } = await import('./api/chats/[id]/prepare/route');
      const { POST: send } = await import('./api/chats/[id]/messages/route');
      const prepare = (id: string) => POST(new Request(`http://localhost:3000/api/chats/${id}/prepare`, { method: 'POST', body: '{}' }), { params: Promise.resolve({ id }) });
      actAs(world.alice);
      expect((await prepare(world.chatId)).status).toBe(204);
      const before = await snapshot(world.alice.id);
      actAs(world.bob);
      const body = JSON.stringify({ trigger: 'submit-message', message: { id: 'm-bob-after-prepare', text: 'let me in' }, mode: 'instant' });
      const bobs = await send(new Request(`http://localhost:3000/api/chats/${world.chatId}/messages`, { method: 'POST', body }), { params: Promise.resolve({ id: world.chatId }) });
      actAs(null);
      expect(bobs.status).toBe(404);
      expect(await bobs.json()).toMatchObject({ error: { code: 'not_found' } });
      expect(await snapshot(world.alice.id)).toBe(before);
    });

    it('a visitor with no session gets the same not-found answers', async () => {
      const { renameChat, resumeChatStream } = await import('./(chat)/actions');
      actAs(null);
      expect(await renameChat({ chatId: world.chatId, title: 'x' })).toEqual(await renameChat({ chatId: world.missing, title: 'x' }));
      expect(await resumeChatStream({ chatId: world.chatId })).toMatchObject({ ok: false, code: 'not_found' });
      const { GET } = await import('./api/images/[id]/route');
      const get = (id: string, query = '') => GET(new Request(`http://localhost:3000/api/images/${id}${query}`), { params: Promise.resolve({ id }) }).then(httpAnswer);
      expect(await get(world.sentImageId)).toEqual(await get(world.missing));
      // Holding the share link is the permission: it shows the shared chat's image, and nothing else.
      expect((await get(world.sharedImageId, `?share=${world.shareToken}`)) as { status: number }).toMatchObject({ status: 200 });
      for (const id of [world.sentImageId, world.unsentImageId]) {
        expect(await get(id, `?share=${world.shareToken}`)).toEqual(await get(world.missing, `?share=${world.shareToken}`));
      }
    });
  });
}
