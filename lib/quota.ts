// The per-user message quota: guests get fewer messages per rolling 24 hours than people with an
// account. Enforced on the server when a message is sent; stored in the database, so it holds
// across restarts and server instances.
import 'server-only';
import type { CurrentUser } from '@/lib/auth/session';
import { recentUsage, recordUsage, recordUsageWithinLimit, USAGE_WINDOW_MS, type Usage } from '@/lib/db/usage';
import { env } from '@/lib/env';
import { FlintError } from '@/lib/errors';
import type { QuotaStatus } from '@/lib/types';

export function limitFor(user: Pick<CurrentUser, 'isGuest'>): number | null {
  const e = env();
  const limit = user.isGuest ? e.FLINT_GUEST_MESSAGES_PER_DAY : e.FLINT_USER_MESSAGES_PER_DAY;
  return limit > 0 ? limit : null;
}

export async function quotaStatus(user: CurrentUser): Promise<QuotaStatus> {
  return toStatus(user, await recentUsage(user.id));
}

function toStatus(user: CurrentUser, { used, oldest }: Usage): QuotaStatus {
  return {
    limit: limitFor(user),
    used,
    resetsAt: oldest ? new Date(oldest.getTime() + USAGE_WINDOW_MS).toISOString() : null,
    isGuest: user.isGuest,
  };
}

function inWords(ms: number) {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/**
 * Counts one message against the user's quota and returns the quota left, or refuses with a
 * message saying what to do.
 */
export async function consumeMessageQuota(user: CurrentUser): Promise<QuotaStatus> {
  const limit = limitFor(user);
  if (limit === null) return toStatus(user, await recordUsage(user.id));
  const { recorded, ...usage } = await recordUsageWithinLimit(user.id, limit);
  const status = toStatus(user, usage);
  remember(user.id, recorded ? limit - usage.used : 0);
  if (recorded) return status;
  const wait = status.resetsAt ? ` You can send again in ${inWords(new Date(status.resetsAt).getTime() - Date.now())}.` : '';
  const upgrade = user.isGuest && env().FLINT_USER_MESSAGES_PER_DAY !== limit ? ' Create a free account to send more each day.' : '';
  throw new FlintError('quota', `You've used all ${limit} messages for today${user.isGuest ? ' as a guest' : ''}.${wait}${upgrade}`);
}

/** How many messages each user had left when this server last counted one of theirs. */
const leftAtLastCount = new Map<string, number>();
const REMEMBERED_USERS = 10_000;

function remember(userId: string, left: number) {
  leftAtLastCount.delete(userId);
  leftAtLastCount.set(userId, left);
  if (leftAtLastCount.size > REMEMBERED_USERS) leftAtLastCount.delete(leftAtLastCount.keys().next().value!);
}

/**
 * Whether a message of the user's will almost surely be within their quota: they have no limit, or
 * this server's last count of their messages left room for one more. A send may then ask the model
 * before counting (the count still decides, moments later); each yes uses up the room it saw, so
 * two sends at once do not both rely on the last message left. Another server instance counting
 * messages of the same user makes this wrong at most for that user's own next send.
 */
export function quotaSurelyLeft(user: CurrentUser): boolean {
  if (limitFor(user) === null) return true;
  const left = leftAtLastCount.get(user.id) ?? 0;
  if (left < 1) return false;
  leftAtLastCount.set(user.id, left - 1);
  return true;
}
