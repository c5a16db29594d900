'use client';
import { Brain, ChevronRight } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { cn } from '@/lib/utils';

/** "Used 2 memories": which memories the model was given for this answer, so personalisation is visible. */
export function MemoriesUsed({ memories }: { memories: Array<{ id: string; content: string }> }) {
  const [open, setOpen] = useState(false);
  if (!memories.length) return null;
  return (
    <div data-testid="memories-used" data-count={memories.length} className="text-xs text-muted-foreground">
      <button type="button" aria-expanded={open} onClick={() => setOpen((v) => !v)} className="inline-flex items-center gap-1 rounded-full px-2 py-1 hover:bg-muted hover:text-foreground">
        <Brain className="size-3.5" aria-hidden />
        Used {memories.length} {memories.length === 1 ? 'memory' : 'memories'}
        <ChevronRight className={cn('size-3 transition-transform', open && 'rotate-90')} aria-hidden />
      </button>
      {open && (
        <ul className="mt-1 ml-2 flex flex-col gap-1 border-l-2 pl-3">
          {memories.map((memory) => (
            <li key={memory.id} data-testid="memory-used-item">
              {memory.content}
            </li>
          ))}
          <li>
            <Link href="/memory" className="text-accent hover:underline">
              Manage memory
            </Link>
          </li>
        </ul>
      )}
    </div>
  );
}
