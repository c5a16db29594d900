'use client';
import { Sparkles, Zap } from 'lucide-react';
import { Tooltip } from '@/components/ui/tooltip';
import { selectMode, useFlintStore } from '@/lib/store';
import type { ChatMode } from '@/lib/types';
import { cn } from '@/lib/utils';

const modes: Array<{ id: ChatMode; label: string; hint: string; Icon: typeof Zap }> = [
  { id: 'instant', label: 'Instant', hint: 'One fast answer', Icon: Zap },
  { id: 'thinking', label: 'Thinking', hint: 'Reasons before answering, for harder questions', Icon: Sparkles },
];

export function ModeToggle() {
  const mode = useFlintStore(selectMode);
  const setMode = useFlintStore((s) => s.setMode);
  return (
    <div role="radiogroup" aria-label="Answer mode" className="flex items-center rounded-full bg-muted p-0.5">
      {modes.map(({ id, label, hint, Icon }) => {
        const active = mode === id;
        return (
          <Tooltip key={id} label={hint}>
            <button
              type="button"
              role="radio"
              aria-checked={active}
              data-testid={`mode-${id}`}
              data-state={active ? 'on' : 'off'}
              onClick={() => setMode(id)}
              className={cn(
                'flex h-7 items-center gap-1.5 rounded-full px-3 text-[13px] font-medium transition-colors outline-none focus-visible:ring-2 focus-visible:ring-ring/60',
                active ? 'bg-background text-foreground shadow-sm dark:bg-card' : 'text-muted-foreground hover:text-foreground',
                active && id === 'thinking' && 'text-accent',
              )}
            >
              <Icon className="size-3.5" aria-hidden />
              {label}
            </button>
          </Tooltip>
        );
      })}
    </div>
  );
}
