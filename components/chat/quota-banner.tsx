'use client';
import Link from 'next/link';
import { selectQuota, useFlintStore } from '@/lib/store';
import type { QuotaStatus } from '@/lib/types';

/** Shown when few messages are left today (and when none are), before the user hits the limit. */
export function shouldWarn(quota: QuotaStatus | null): quota is QuotaStatus & { limit: number } {
  if (!quota || quota.limit === null) return false;
  const remaining = quota.limit - quota.used;
  return remaining <= Math.max(3, Math.ceil(quota.limit * 0.2));
}

function until(iso: string | null) {
  if (!iso) return '';
  const minutes = Math.max(1, Math.ceil((new Date(iso).getTime() - Date.now()) / 60_000));
  return minutes < 60 ? ` in ${minutes} min` : ` in ${Math.ceil(minutes / 60)} h`;
}

export function QuotaBanner() {
  const quota = useFlintStore(selectQuota);
  if (!shouldWarn(quota)) return null;
  const remaining = Math.max(0, quota.limit - quota.used);
  return (
    <div data-testid="quota-banner" data-remaining={remaining} className="mx-auto mb-2 flex w-full max-w-3xl items-center justify-between gap-3 px-4 text-[13px] sm:px-5">
      <p className={remaining === 0 ? 'text-destructive' : 'text-muted-foreground'}>
        {remaining === 0
          ? `You've used all ${quota.limit} messages for today. You can send again${until(quota.resetsAt)}.`
          : `${remaining} message${remaining === 1 ? '' : 's'} left today.`}
      </p>
      {quota.isGuest && (
        <Link href="/sign-up" className="shrink-0 font-medium text-accent underline-offset-4 hover:underline">
          Create an account for more
        </Link>
      )}
    </div>
  );
}
