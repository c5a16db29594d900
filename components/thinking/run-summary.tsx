'use client';
import { ChevronDown, Sparkles } from 'lucide-react';
import { cn } from '@/lib/utils';
import type { RunDisplayPhase } from './board-state';

const phaseWord: Partial<Record<RunDisplayPhase, string>> = { stopped: 'Stopped', failed: 'Failed', interrupted: 'Interrupted' };

/** The finished board in one line ("4 agents · 18 s · 6.2k tokens"); a click opens or closes it. */
export function RunSummary({ text, phase, expanded, onToggle, limited }: { text: string; phase: RunDisplayPhase; expanded: boolean; onToggle(): void; limited: boolean }) {
  const word = phaseWord[phase];
  return (
    <button
      type="button"
      data-testid="run-summary"
      aria-expanded={expanded}
      onClick={onToggle}
      className="group flex w-full min-w-0 items-center gap-2 rounded-xl px-1 py-0.5 text-left text-[13px] text-muted-foreground transition-colors hover:text-foreground"
    >
      <Sparkles className="size-3.5 shrink-0 text-accent" aria-hidden />
      <span className="min-w-0 truncate">
        {word && <span className="font-medium text-foreground/80">{word} · </span>}
        <span className="font-medium text-foreground/80">{text}</span>
        {limited && <span> · time limit reached</span>}
      </span>
      <ChevronDown className={cn('size-3.5 shrink-0 transition-transform', expanded && 'rotate-180')} aria-hidden />
    </button>
  );
}
