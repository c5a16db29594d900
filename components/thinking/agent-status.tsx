'use client';
import { AlertTriangle, Check, CircleSlash, Clock, Loader2, Unplug, type LucideIcon } from 'lucide-react';
import { cn } from '@/lib/utils';
import type { AgentDisplayStatus } from './board-state';

const styles: Record<AgentDisplayStatus, { label: string; Icon: LucideIcon; className: string; spin?: boolean }> = {
  queued: { label: 'Queued', Icon: Clock, className: 'bg-muted text-muted-foreground' },
  running: { label: 'Running', Icon: Loader2, className: 'bg-accent-soft text-accent', spin: true },
  done: { label: 'Done', Icon: Check, className: 'bg-emerald-500/10 text-emerald-700 dark:bg-emerald-400/10 dark:text-emerald-400' },
  failed: { label: 'Failed', Icon: AlertTriangle, className: 'bg-destructive/10 text-destructive' },
  cancelled: { label: 'Cancelled', Icon: CircleSlash, className: 'bg-muted text-muted-foreground' },
  interrupted: { label: 'Interrupted', Icon: Unplug, className: 'bg-warning/15 text-foreground/80' },
};

export function AgentStatusPill({ status }: { status: AgentDisplayStatus }) {
  const { label, Icon, className, spin } = styles[status];
  return (
    <span data-testid="agent-status" className={cn('inline-flex h-5 shrink-0 items-center gap-1 rounded-full px-2 text-[11px] font-medium', className)}>
      <Icon className={cn('size-3', spin && 'animate-spin')} aria-hidden />
      {label}
    </span>
  );
}
