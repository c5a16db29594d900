import 'server-only';
import { getDb } from './client';

/** Hands a guest's chats, shares and usage to the account they signed up or signed in with. */
export async function transferUserData(fromUserId: string, toUserId: string) {
  if (fromUserId === toUserId) return;
  const db = await getDb();
  await db.$transaction([
    db.chat.updateMany({ where: { userId: fromUserId }, data: { userId: toUserId } }),
    db.share.updateMany({ where: { userId: fromUserId }, data: { userId: toUserId } }),
    db.usageEvent.updateMany({ where: { userId: fromUserId }, data: { userId: toUserId } }),
  ]);
}
