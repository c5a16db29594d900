// Durable runs in the database: the Run row's life, the shared chunk log another instance follows
// (PostgreSQL), a stop asked for through the database, the sweep of runs whose instance died, and
// pruning. The "other instance" here is the same process reading only through the database
// (followRun, requestRunStop), exactly what a second server does.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ensureChat } from '@/lib/db/chats';
import { getDb } from '@/lib/db/client';
import { createAssistantMessage, listMessages, saveUserMessage, updateAssistantMessage } from '@/lib/db/messages';
import { generatingChatIds, interruptDeadRuns, liveRunRecord, pruneRuns, requestRunStop, RUN_EVENTS_RETENTION_MS, RUN_STALE_MS } from '@/lib/db/runs';
import { databaseKinds, useTestDatabase } from '@/lib/db/test-databases';
import { followRun } from './follow';
import { instanceId, openJournal } from './journal';
import { startRun, stopRun, subscribe, type Chunk } from './registry';

const id = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`;
const OWNER = 'run-owner';

async function ensureOwner() {
  const db = await getDb();
  await db.user.upsert({ where: { id: OWNER }, create: { id: OWNER, name: 'Owner', email: 'run-owner@example.com' }, update: {} });
}

async function readAll(stream: ReadableStream<Chunk>) {
  const chunks: Chunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A run that writes `count` text deltas `everyMs` apart (stoppable), with a journal like startTurn's. */
async function startJournaledRun(count: number, everyMs: number) {
  await ensureOwner();
  const chatId = id('chat');
  await ensureChat(OWNER, chatId, null);
  const runId = id('run');
  const journal = await openJournal({ id: runId, chatId, userId: OWNER, onStopRequested: () => stopRun(runId) });
  await createAssistantMessage(chatId, runId, { status: 'streaming', mode: 'instant' });
  const saved: string[] = [];
  const run = startRun({
    id: runId,
    chatId,
    userId: OWNER,
    journal,
    persistEveryMs: 100,
    persist: async (message, status) => {
      saved.push(status);
      await updateAssistantMessage(runId, { parts: message.parts, metadata: message.metadata ?? {}, status });
    },
    async produce(write, signal) {
      write({ type: 'start', messageId: runId, messageMetadata: { status: 'streaming', mode: 'instant' } });
      write({ type: 'text-start', id: 't' });
      for (let i = 0; i < count && !signal.aborted; i++) {
        write({ type: 'text-delta', id: 't', delta: `word${i} ` });
        await sleep(everyMs);
      }
      write({ type: 'text-end', id: 't' });
      write({ type: 'finish', messageMetadata: { status: signal.aborted ? 'stopped' : 'done' } });
    },
  });
  return { chatId, runId, run, saved };
}

for (const { kind, skip } of databaseKinds) {
  describe.skipIf(skip)(`durable runs on ${kind}`, () => {
    useTestDatabase(kind);

    it('a run has a row while it is written, ended with its final status once the message is saved', async () => {
      const { chatId, runId, run } = await startJournaledRun(5, 20);
      const db = await getDb();
      expect(await db.run.findUnique({ where: { id: runId } })).toMatchObject({ status: 'running', chatId, userId: OWNER, instanceId: instanceId(), endedAt: null });
      expect(await generatingChatIds(OWNER)).toContain(chatId);
      expect(await liveRunRecord(OWNER, chatId)).toMatchObject({ id: runId });
      expect(await liveRunRecord('someone-else', chatId)).toBeNull();
      await run.done;
      const row = await db.run.findUnique({ where: { id: runId } });
      expect(row).toMatchObject({ status: 'done' });
      expect(row!.endedAt).toBeInstanceOf(Date);
      expect(await generatingChatIds(OWNER)).not.toContain(chatId);
      const [message] = (await listMessages(chatId)).slice(-1);
      expect(message!.metadata?.status).toBe('done');
    });

    it('at startup of the only instance, every run still marked running is cut off, with its message', async () => {
      await ensureOwner();
      const chatId = id('chat');
      await ensureChat(OWNER, chatId, null);
      await saveUserMessage(chatId, { id: id('u'), parts: [{ type: 'text', text: 'hi' }] });
      const runId = id('run');
      const db = await getDb();
      // A run whose process was killed a moment ago: heartbeat still fresh.
      await db.run.create({ data: { id: runId, chatId, userId: OWNER, instanceId: 'dead' } });
      await createAssistantMessage(chatId, runId, { status: 'streaming', mode: 'instant' });
      await updateAssistantMessage(runId, { parts: [{ type: 'text', text: 'Half an ans' }], metadata: {}, status: 'streaming' });
      expect(await interruptDeadRuns({ all: true })).toBeGreaterThanOrEqual(1);
      expect(await db.run.findUnique({ where: { id: runId } })).toMatchObject({ status: 'interrupted' });
      const message = (await listMessages(chatId)).at(-1)!;
      expect(message.metadata?.status).toBe('interrupted');
      expect(message.parts).toEqual([{ type: 'text', text: 'Half an ans' }]);
    });

    it('between instances only runs whose heartbeat went stale are cut off; live ones and their messages are left alone', async () => {
      await ensureOwner();
      const chatId = id('chat');
      await ensureChat(OWNER, chatId, null);
      const db = await getDb();
      const live = id('live');
      const dead = id('dead');
      await db.run.create({ data: { id: live, chatId, userId: OWNER, instanceId: 'a' } });
      await db.run.create({ data: { id: dead, chatId, userId: OWNER, instanceId: 'b', heartbeatAt: new Date(Date.now() - RUN_STALE_MS - 1000) } });
      await createAssistantMessage(chatId, live, { status: 'streaming', mode: 'instant' });
      await createAssistantMessage(chatId, dead, { status: 'streaming', mode: 'instant' });
      expect(await liveRunRecord(OWNER, chatId)).toMatchObject({ id: live });

      expect(await interruptDeadRuns()).toBe(1);
      expect((await db.run.findUnique({ where: { id: live } }))!.status).toBe('running');
      expect((await db.run.findUnique({ where: { id: dead } }))!.status).toBe('interrupted');
      const statuses = Object.fromEntries((await listMessages(chatId)).map((m) => [m.id, m.metadata?.status]));
      expect(statuses).toEqual({ [live]: 'streaming', [dead]: 'interrupted' });
      // A stale run cannot be stopped or followed as live any more.
      await db.run.update({ where: { id: live }, data: { heartbeatAt: new Date(Date.now() - RUN_STALE_MS - 1000) } });
      expect(await requestRunStop(OWNER, chatId)).toBe(false);
      expect(await liveRunRecord(OWNER, chatId)).toBeNull();
    });

    it('chunk batches of runs that ended long ago are pruned; recent ones and the message stay', async () => {
      await ensureOwner();
      const db = await getDb();
      const old = id('old');
      const recent = id('recent');
      for (const runId of [old, recent]) {
        await db.run.create({ data: { id: runId, chatId: 'c', userId: OWNER, instanceId: 'a', status: 'done', endedAt: new Date() } });
        await db.runEvent.create({ data: { runId, seq: 0, chunks: [{ type: 'text-delta', id: 't', delta: 'x' }] } });
      }
      await db.run.update({ where: { id: old }, data: { endedAt: new Date(Date.now() - RUN_EVENTS_RETENTION_MS - 1000) } });
      await pruneRuns();
      expect(await db.runEvent.count({ where: { runId: old } })).toBe(0);
      expect(await db.runEvent.count({ where: { runId: recent } })).toBe(1);
      expect(await db.run.count({ where: { id: { in: [old, recent] } } })).toBe(2);
    });

    if (kind === 'postgres') {
      it('another instance following the run log receives exactly what the writing instance streams', async () => {
        const { runId, run } = await startJournaledRun(30, 15);
        const local = readAll(subscribe(runId)!);
        await sleep(250);
        // Joins mid-run: replays the log from its start, then follows it live.
        const remote = await readAll(followRun(runId));
        expect(remote).toEqual(await local);
        await run.done;
        const db = await getDb();
        expect(await db.runEvent.count({ where: { runId } })).toBeGreaterThan(1);
      });

      it('a stop asked for through the database stops the run on the instance writing it', async () => {
        const { chatId, runId, run } = await startJournaledRun(400, 10);
        const remote = readAll(followRun(runId));
        await sleep(300);
        const askedAt = Date.now();
        expect(await requestRunStop(OWNER, chatId)).toBe(true);
        await run.done;
        const stopLatency = Date.now() - askedAt;
        expect(stopLatency).toBeLessThan(1500);
        const chunks = await remote;
        expect(chunks.at(-1)).toMatchObject({ type: 'finish', messageMetadata: { status: 'stopped' } });
        // Cut short: far fewer than the 400 words it would have written.
        expect(chunks.filter((c) => c.type === 'text-delta').length).toBeLessThan(300);
        const db = await getDb();
        expect((await db.run.findUnique({ where: { id: runId } }))!.status).toBe('stopped');
        expect((await listMessages(chatId)).at(-1)!.metadata?.status).toBe('stopped');
      });

      it('a follower of a run whose instance died ends the message as interrupted', async () => {
        await ensureOwner();
        const db = await getDb();
        const runId = id('orphan');
        await db.run.create({ data: { id: runId, chatId: 'c', userId: OWNER, instanceId: 'gone', heartbeatAt: new Date(Date.now() - RUN_STALE_MS - 1000) } });
        await db.runEvent.create({ data: { runId, seq: 0, chunks: [{ type: 'start', messageId: runId }, { type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: 'Half' }] } });
        const chunks = await readAll(followRun(runId));
        expect(chunks.map((c) => c.type)).toEqual(['start', 'text-start', 'text-delta', 'finish']);
        expect(chunks.at(-1)).toMatchObject({ messageMetadata: { status: 'interrupted' } });
      });
    } else {
      it('with one process owning the database, the chunk log stays in memory (no batches written)', async () => {
        const { runId, run } = await startJournaledRun(10, 10);
        await run.done;
        const db = await getDb();
        expect(await db.runEvent.count({ where: { runId } })).toBe(0);
        expect((await db.run.findUnique({ where: { id: runId } }))!.status).toBe('done');
      });
    }
  });
}
