import 'server-only';
import { changing } from './changes';
import { getDb } from './client';

/**
 * Hands a guest's chats, images, shares, usage and memories to the account they signed up or signed in
 * with. The guest's preferences move only if the account has none of its own.
 */
export async function transferUserData(fromUserId: string, toUserId: string) {
  if (fromUserId === toUserId) return;
  const db = await getDb();
  await changing([fromUserId, toUserId], async () => {
    const [guestPreferences, accountPreferences] = await Promise.all([
      db.preferences.findUnique({ where: { userId: fromUserId } }),
      db.preferences.findUnique({ where: { userId: toUserId } }),
    ]);
    await db.$transaction([
      db.chat.updateMany({ where: { userId: fromUserId }, data: { userId: toUserId } }),
      db.share.updateMany({ where: { userId: fromUserId }, data: { userId: toUserId } }),
      db.usageEvent.updateMany({ where: { userId: fromUserId }, data: { userId: toUserId } }),
      db.image.updateMany({ where: { userId: fromUserId }, data: { userId: toUserId } }),
      db.memory.updateMany({ where: { userId: fromUserId }, data: { userId: toUserId } }),
      ...(guestPreferences && !accountPreferences ? [db.preferences.update({ where: { userId: fromUserId }, data: { userId: toUserId } })] : []),
    ]);
  });
}
