import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addArtifactVersion, createArtifact, getArtifactVersion, listLatestArtifacts } from './artifacts';
import { ensureChat, softDeleteChat } from './chats';
import { getDb } from './client';
import { createAssistantMessage, deleteMessagesFrom, saveUserMessage } from './messages';
import { databaseKinds, useTestDatabase } from './test-databases';

const id = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`;

async function user() {
  const db = await getDb();
  const userId = id('user');
  await db.user.create({ data: { id: userId, name: 'U', email: `${userId}@example.com` } });
  return userId;
}

/** A chat of the user with one exchange; returns the assistant message id. */
async function chatWithAnswer(userId: string) {
  const chatId = id('chat');
  await ensureChat(userId, chatId, null);
  await saveUserMessage(chatId, { id: id('u'), parts: [{ type: 'text', text: 'make something' }] });
  const answerId = id('a');
  await createAssistantMessage(chatId, answerId, { status: 'streaming' });
  return { chatId, answerId };
}

for (const { kind, skip } of databaseKinds) {
  describe.skipIf(skip)(`artifacts on ${kind}`, () => {
    useTestDatabase(kind);

    it('numbers versions 1, 2, 3…, keeps every old version unchanged and the title of the latest', async () => {
      const owner = await user();
      const { chatId, answerId } = await chatWithAnswer(owner);
      const created = await createArtifact({ userId: owner, chatId, messageId: answerId, title: 'Pong', kind: 'html', content: 'v1' });
      expect(created).toMatchObject({ artifactId: expect.stringMatching(/^art_[A-Za-z0-9_-]{12}$/), version: 1, kind: 'html' });
      const second = await addArtifactVersion({ userId: owner, chatId, artifactId: created.artifactId, messageId: answerId, content: 'v2' });
      const third = await addArtifactVersion({ userId: owner, chatId, artifactId: created.artifactId, messageId: answerId, title: 'Faster pong', content: 'v3' });
      expect([second?.version, third?.version]).toEqual([2, 3]);
      expect(second?.title).toBe('Pong');
      expect((await getArtifactVersion(owner, created.artifactId, 1))?.content).toBe('v1');
      expect((await getArtifactVersion(owner, created.artifactId, 2))?.content).toBe('v2');
      expect(await listLatestArtifacts(chatId)).toMatchObject([{ artifactId: created.artifactId, version: 3, title: 'Faster pong', content: 'v3' }]);
    });

    it('gives changes made at the same moment different numbers', async () => {
      const owner = await user();
      const { chatId, answerId } = await chatWithAnswer(owner);
      const { artifactId } = await createArtifact({ userId: owner, chatId, messageId: answerId, title: 'T', kind: 'svg', content: '<svg/>' });
      const versions = await Promise.all(
        Array.from({ length: 5 }, (_, i) => addArtifactVersion({ userId: owner, chatId, artifactId, messageId: answerId, content: `<svg id="${i}"/>` })),
      );
      expect(versions.map((v) => v?.version).sort()).toEqual([2, 3, 4, 5, 6]);
    });

    it('reads as missing for anyone but its owner, from another chat, or once its chat is deleted', async () => {
      const owner = await user();
      const stranger = await user();
      const { chatId, answerId } = await chatWithAnswer(owner);
      const { artifactId } = await createArtifact({ userId: owner, chatId, messageId: answerId, title: 'Secret', kind: 'markdown', content: '# mine' });
      expect(await getArtifactVersion(stranger, artifactId, 1)).toBeNull();
      const { chatId: strangersChat } = await chatWithAnswer(stranger);
      expect(await addArtifactVersion({ userId: stranger, chatId: strangersChat, artifactId, messageId: 'm', content: 'pwned' })).toBeNull();
      const { chatId: otherChat } = await chatWithAnswer(owner);
      expect(await addArtifactVersion({ userId: owner, chatId: otherChat, artifactId, messageId: 'm', content: 'elsewhere' })).toBeNull();
      expect((await getArtifactVersion(owner, artifactId, 1))?.content).toBe('# mine');
      expect(await getArtifactVersion(owner, artifactId, 2)).toBeNull();

      await softDeleteChat(owner, chatId);
      expect(await getArtifactVersion(owner, artifactId, 1)).toBeNull();
    });

    it('forgets the versions of removed messages (regenerate, edit), keeping the rest and the numbering', async () => {
      const owner = await user();
      const { chatId, answerId } = await chatWithAnswer(owner);
      const { artifactId } = await createArtifact({ userId: owner, chatId, messageId: answerId, title: 'Game', kind: 'html', content: 'v1' });
      await saveUserMessage(chatId, { id: id('u'), parts: [{ type: 'text', text: 'faster' }] });
      const second = id('a');
      await createAssistantMessage(chatId, second, { status: 'done' });
      await addArtifactVersion({ userId: owner, chatId, artifactId, messageId: second, title: 'Faster game', content: 'v2' });
      const { artifactId: other } = await createArtifact({ userId: owner, chatId, messageId: second, title: 'Chart', kind: 'chart', content: '{}' });

      await deleteMessagesFrom(chatId, second);
      expect(await getArtifactVersion(owner, artifactId, 2)).toBeNull();
      expect(await getArtifactVersion(owner, other, 1)).toBeNull();
      expect(await listLatestArtifacts(chatId)).toMatchObject([{ artifactId, version: 1, title: 'Game' }]);
      // The next change is version 2 again, not 3.
      const again = await addArtifactVersion({ userId: owner, chatId, artifactId, messageId: answerId, content: 'v2 again' });
      expect(again?.version).toBe(2);
      const db = await getDb();
      expect(await db.artifact.count({ where: { chatId } })).toBe(1);
    });

    it('goes with its chat when the chat is removed for good', async () => {
      const owner = await user();
      const { chatId, answerId } = await chatWithAnswer(owner);
      const { artifactId } = await createArtifact({ userId: owner, chatId, messageId: answerId, title: 'x', kind: 'svg', content: '<svg/>' });
      const db = await getDb();
      await db.chat.delete({ where: { id: chatId } });
      expect(await db.artifact.count({ where: { id: artifactId } })).toBe(0);
      expect(await db.artifactVersion.count({ where: { artifactId } })).toBe(0);
    });
  });
}
