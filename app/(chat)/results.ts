// What the chat's server actions and its send route share: ActionResult values instead of thrown
// errors (Next.js hides thrown messages in production), and sentences for malformed input.
import 'server-only';
import type { z } from 'zod';
import { FlintError, toActionError, type ActionResult } from '@/lib/errors';

export function invalid(message: string) {
  return toActionError(new FlintError('bad_request', message));
}

/**
 * Messages written for people (empty or too-long text) pass through; anything else means the page
 * and the server disagree, which a reload fixes.
 */
export function describeInvalid(issues: z.core.$ZodIssue[]) {
  const userFacing = issues.find((issue) => issue.code === 'custom');
  if (userFacing) return userFacing.message;
  const field = issues[0]?.path.join('.') || 'request';
  return `The request was malformed (${field}). Reload the page and try again.`;
}

export async function attempt<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return toActionError(error);
  }
}
