'use client';
import { ChevronRight } from 'lucide-react';
import { useState } from 'react';
import { cn } from '@/lib/utils';
import { Markdown } from './markdown';

/** A model's reasoning, collapsed by default: "Thinking…" while it streams, "Thought for N s" after. */
export function Reasoning({ text, streaming, durationMs }: { text: string; streaming: boolean; durationMs?: number }) {
  const [open, setOpen] = useState(false);
  const seconds = durationMs !== undefined ? Math.max(1, Math.round(durationMs / 1000)) : undefined;
  const label = streaming ? 'Thinking…' : seconds !== undefined ? `Thought for ${seconds} s` : 'Thoughts';
  return (
    <div data-testid="reasoning" className="mb-3">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
        className="group flex items-center gap-1 text-[13px] font-medium text-muted-foreground hover:text-foreground"
      >
        <span className={cn(streaming && 'animate-pulse')}>{label}</span>
        <ChevronRight className={cn('size-3.5 transition-transform', open && 'rotate-90')} aria-hidden />
      </button>
      {open && (
        <div className="mt-2 border-l-2 border-border pl-3 text-[13.5px] text-muted-foreground">
          <Markdown text={text} streaming={streaming} />
        </div>
      )}
    </div>
  );
}
