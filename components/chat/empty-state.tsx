'use client';
import { ChartColumn, Gamepad2, Lightbulb, Sigma } from 'lucide-react';
import { FlintLogo } from '@/components/flint-logo';
import { selectModels, useFlintStore } from '@/lib/store';

const salesData = ['month,revenue,orders', 'Jan,12400,310', 'Feb,13950,342', 'Mar,12100,298', 'Apr,15800,377', 'May,17250,401', 'Jun,16900,395'].join('\n');

/** `hint` is shown on the tile when the prompt itself is not the best description (pasted data). */
const suggestions = [
  {
    Icon: ChartColumn,
    title: 'Dashboard from this data',
    prompt: `Build a dashboard from this data:\n${salesData}`,
    hint: 'Six months of revenue and orders as totals, a chart and a table.',
  },
  { Icon: Gamepad2, title: 'Make a little game', prompt: 'Make a little paddle game I can play with the arrow keys or by dragging.' },
  { Icon: Sigma, title: 'Explain the math', prompt: 'Explain the formula for compound interest with an example.' },
  { Icon: Lightbulb, title: 'Plan a weekend', prompt: 'Plan a relaxed weekend in Lisbon for two people who love food and walking.' },
];

export function EmptyState({ onPick }: { onPick(prompt: string): void }) {
  const models = useFlintStore(selectModels);
  const offlineOnly = models.length > 0 && models.every((m) => m.provider === 'offline');
  return (
    <div className="flex min-h-0 flex-1 flex-col overflow-y-auto px-4 py-6">
      <div className="m-auto flex w-full flex-col items-center">
      <FlintLogo className="size-11" />
      <h1 className="mt-4 text-center text-2xl font-semibold tracking-tight sm:text-3xl">What can I help with?</h1>
      {offlineOnly && (
        <p data-testid="offline-hint" className="mt-3 max-w-md text-center text-sm text-balance text-muted-foreground">
          You are using the <span className="font-medium text-foreground">offline demo model</span>: it restates and organises what you write. Set a
          provider key such as <code className="rounded bg-muted px-1 py-0.5 text-[12px]">OPENAI_API_KEY</code> to connect a real model.
        </p>
      )}
      <div className="mt-7 grid w-full max-w-2xl grid-cols-2 gap-2 sm:mt-8 sm:gap-2.5">
        {suggestions.map(({ Icon, title, prompt, hint }) => (
          <button
            key={title}
            type="button"
            data-testid="suggestion"
            data-title={title}
            onClick={() => onPick(prompt)}
            className="group flex items-start gap-3 rounded-2xl border bg-card p-3 text-left transition-colors hover:border-foreground/20 hover:bg-muted/50 sm:p-3.5"
          >
            <Icon className="mt-0.5 size-4 shrink-0 text-accent" aria-hidden />
            <span>
              <span className="block text-sm font-medium">{title}</span>
              <span className="hidden text-[13px] text-muted-foreground sm:line-clamp-2">{hint ?? prompt}</span>
            </span>
          </button>
        ))}
      </div>
      </div>
    </div>
  );
}
