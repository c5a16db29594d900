'use client';
import { Monitor, Moon, Sun } from 'lucide-react';
import { useTheme } from 'next-themes';
import { useSyncExternalStore } from 'react';
import { cn } from '@/lib/utils';

const options = [
  { id: 'light', label: 'Light', Icon: Sun },
  { id: 'dark', label: 'Dark', Icon: Moon },
  { id: 'system', label: 'System', Icon: Monitor },
] as const;

const noopSubscribe = () => () => {};

export function ThemeToggle() {
  const { theme, setTheme } = useTheme();
  // The stored theme is only known in the browser; render neutral on the server.
  const mounted = useSyncExternalStore(noopSubscribe, () => true, () => false);
  return (
    <div role="radiogroup" aria-label="Theme" className="flex items-center rounded-full bg-muted p-0.5">
      {options.map(({ id, label, Icon }) => {
        const active = mounted && theme === id;
        return (
          <button
            key={id}
            type="button"
            role="radio"
            aria-checked={active}
            aria-label={label}
            title={label}
            data-testid={`theme-${id}`}
            onClick={() => setTheme(id)}
            className={cn('flex size-7 items-center justify-center rounded-full text-muted-foreground transition-colors hover:text-foreground', active && 'bg-background text-foreground shadow-sm dark:bg-card')}
          >
            <Icon className="size-3.5" aria-hidden />
          </button>
        );
      })}
    </div>
  );
}
