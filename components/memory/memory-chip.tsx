'use client';
import { BookmarkCheck, BookmarkX, Loader2, ShieldAlert, Undo2 } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { toast } from 'sonner';
import { removeMemory } from '@/app/(chat)/memory/actions';
import type { ForgetOutput, RememberOutput } from '@/lib/types';
import { cn } from '@/lib/utils';

interface ToolPartLike {
  type: string;
  state: string;
  output?: unknown;
  errorText?: string;
}

/** The inline note under an answer when the model saved or forgot a memory, with Undo. */
export function MemoryChip({ part, readOnly }: { part: ToolPartLike; readOnly?: boolean }) {
  const [undone, setUndone] = useState(false);
  const [busy, setBusy] = useState(false);
  const base = 'my-2 inline-flex max-w-full items-center gap-2 rounded-full border px-3 py-1.5 text-[13px]';

  if (part.state !== 'output-available') {
    if (part.state === 'output-error') {
      return (
        <p data-testid="memory-chip" data-state="error" className={cn(base, 'border-destructive/30 text-destructive')}>
          <ShieldAlert className="size-3.5 shrink-0" aria-hidden /> Could not update memory. {part.errorText}
        </p>
      );
    }
    return (
      <p data-testid="memory-chip" data-state="pending" className={cn(base, 'text-muted-foreground')}>
        <Loader2 className="size-3.5 shrink-0 animate-spin" aria-hidden /> Updating memory…
      </p>
    );
  }

  if (part.type === 'tool-forget') {
    const output = part.output as ForgetOutput;
    return (
      <p data-testid="memory-chip" data-state={output.forgotten ? 'forgotten' : 'not-found'} className={cn(base, 'text-muted-foreground')}>
        <BookmarkX className="size-3.5 shrink-0" aria-hidden />
        <span className="truncate">{output.forgotten ? `Memory forgotten: ${output.content}` : 'No matching memory to forget'}</span>
      </p>
    );
  }

  const output = part.output as RememberOutput;
  if (!output.saved) {
    return (
      <p data-testid="memory-chip" data-state="refused" className={cn(base, 'border-warning/50 bg-warning/10')}>
        <ShieldAlert className="size-3.5 shrink-0 text-warning" aria-hidden />
        <span>{output.reason}</span>
      </p>
    );
  }
  if (undone) {
    return (
      <p data-testid="memory-chip" data-state="undone" className={cn(base, 'text-muted-foreground')}>
        <BookmarkX className="size-3.5 shrink-0" aria-hidden /> Memory removed
      </p>
    );
  }
  return (
    <p data-testid="memory-chip" data-state="saved" className={cn(base, 'border-accent/30 bg-accent-soft/60')}>
      <BookmarkCheck className="size-3.5 shrink-0 text-accent" aria-hidden />
      <Link href="/memory" className="truncate hover:underline">
        Memory saved: {output.content}
      </Link>
      {!readOnly && !output.duplicate && (
        <button
          type="button"
          data-testid="memory-undo"
          disabled={busy}
          className="ml-1 inline-flex shrink-0 items-center gap-1 font-medium text-accent hover:underline disabled:opacity-50"
          onClick={async () => {
            setBusy(true);
            const result = await removeMemory({ id: output.id });
            setBusy(false);
            if (result.ok || result.code === 'not_found') setUndone(true);
            else toast.error(result.message);
          }}
        >
          <Undo2 className="size-3.5" aria-hidden /> Undo
        </button>
      )}
    </p>
  );
}
