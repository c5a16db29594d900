'use client';
import { ChevronDown, Clock, RotateCcw, X } from 'lucide-react';
import { memo, useEffect, useRef, useState } from 'react';
import { toast } from 'sonner';
import { cancelAgent, retryAgent } from '@/app/(chat)/actions';
import { Markdown } from '@/components/chat/markdown';
import { Tooltip } from '@/components/ui/tooltip';
import { selectLiveAgent, useFlintStore } from '@/lib/store';
import { estimateTokens, type AgentData } from '@/lib/types';
import { cn } from '@/lib/utils';
import { useChatActions } from '@/components/chat/chat-context';
import { useReleaseScroll } from '@/components/chat/scroll-release';
import { AgentStatusPill } from './agent-status';
import { agentDomId, formatTokens, totalTokens, type AgentDisplayStatus } from './board-state';
import { Elapsed } from './elapsed';

interface AgentCardProps {
  agent: AgentData;
  messageId: string;
  status: AgentDisplayStatus;
  /** The sub-agents are still working: cards can be cancelled and retried. */
  controllable: boolean;
  /** Changes each time a citation points at this card. */
  focusSeq?: number;
}

/** The text to show: what streamed into this browser, or the saved snapshot when that is longer. */
function useAgentOutput(agent: AgentData, messageId: string) {
  const live = useFlintStore(selectLiveAgent(messageId, agent.id));
  if (live && live.attempt === agent.attempt && live.text.length + live.reasoning.length >= agent.text.length + (agent.reasoning?.length ?? 0)) {
    return { text: live.text, reasoning: live.reasoning };
  }
  return { text: agent.text, reasoning: agent.reasoning ?? '' };
}

export const AgentCard = memo(function AgentCard({ agent, messageId, status, controllable, focusSeq }: AgentCardProps) {
  const { chatId } = useChatActions();
  const { text, reasoning } = useAgentOutput(agent, messageId);
  const [open, setOpen] = useState(false);
  const releaseScroll = useReleaseScroll();
  const [pending, setPending] = useState<'cancel' | 'retry'>();
  const ref = useRef<HTMLElement>(null);
  const running = status === 'running';

  useEffect(() => {
    const card = ref.current;
    if (!focusSeq || !card) return;
    card.scrollIntoView({ behavior: 'smooth', block: 'center' });
    card.animate(
      [{ boxShadow: '0 0 0 3px color-mix(in oklch, var(--accent) 70%, transparent)' }, { boxShadow: '0 0 0 3px transparent' }],
      { duration: 1800, easing: 'ease-out' },
    );
    // A smooth scroll stops short when the layout changes under it (the board has just opened and
    // its cards are still being laid out): if the card is not on screen once it should be, jump.
    const check = window.setTimeout(() => {
      const box = card.getBoundingClientRect();
      if (box.bottom <= 0 || box.top >= window.innerHeight) card.scrollIntoView({ behavior: 'instant', block: 'center' });
    }, 700);
    return () => window.clearTimeout(check);
  }, [focusSeq]);

  const control = async (action: 'cancel' | 'retry') => {
    if (!chatId) return;
    setPending(action);
    const result = await (action === 'cancel' ? cancelAgent : retryAgent)({ chatId, agentId: agent.id }).catch(() => undefined);
    setPending(undefined);
    if (!result?.ok) toast.error(result?.message ?? 'Could not reach the server. Try again.');
    else if (!('cancelled' in result.value ? result.value.cancelled : result.value.retried)) {
      toast.message(action === 'cancel' ? 'This sub-agent had already finished.' : 'Too late to retry: the answer is already being written.');
    }
  };

  const tokens = agent.usage ? totalTokens(agent.usage) : estimateTokens(text.length + reasoning.length);
  const tokensTitle = agent.usage
    ? `${(agent.usage.inputTokens ?? 0).toLocaleString('en')} in · ${(agent.usage.outputTokens ?? 0).toLocaleString('en')} out`
    : 'Output so far (estimated)';
  const canCancel = controllable && (status === 'running' || status === 'queued');
  const canRetry = controllable && (status === 'running' || status === 'failed' || status === 'cancelled');
  const hasOutput = text.trim().length > 0 || reasoning.trim().length > 0;

  return (
    <article
      ref={ref}
      id={agentDomId(messageId, agent.id)}
      data-testid="agent-card"
      data-status={status}
      data-agent-id={agent.id}
      className={cn(
        'flex min-w-0 scroll-mt-20 flex-col rounded-xl border bg-card p-3 transition-[border-color,box-shadow] duration-300',
        running && 'border-accent/45 shadow-[0_0_0_3px_color-mix(in_oklch,var(--accent)_9%,transparent)]',
        status === 'failed' && 'border-destructive/30',
      )}
    >
      <header className="flex items-start gap-2.5">
        <span className="mt-px flex size-5 shrink-0 items-center justify-center rounded-md bg-muted text-[11px] font-semibold text-muted-foreground tabular-nums">
          {agent.index}
        </span>
        <div className="min-w-0 flex-1">
          <h4 className="truncate text-[13.5px] leading-5 font-medium" title={agent.title}>
            {agent.title}
          </h4>
          <p className="truncate text-xs leading-4 text-muted-foreground" title={agent.goal}>
            {agent.goal}
          </p>
        </div>
        <AgentStatusPill status={status} />
      </header>

      <AgentOutput text={text} reasoning={reasoning} status={status} error={agent.error} open={open} />

      <footer className="mt-2.5 flex min-h-7 items-center gap-3 text-[11.5px] text-muted-foreground tabular-nums">
        <span className="inline-flex items-center gap-1" title="Time">
          <Clock className="size-3" aria-hidden />
          <Elapsed key={`${agent.attempt}:${agent.elapsedMs}`} ms={agent.elapsedMs} running={running} />
        </span>
        <span title={tokensTitle} data-testid="agent-tokens">
          {agent.usage ? '' : '~'}
          {formatTokens(tokens)} tokens
        </span>
        {agent.limit && (
          <span data-testid="agent-limit" className="rounded-full bg-warning/15 px-1.5 py-px text-[10.5px] font-medium text-foreground/75">
            {agent.limit === 'tokens' ? 'Token limit' : 'Time limit'}
          </span>
        )}
        {agent.attempt > 1 && <span title="Retried">try {agent.attempt}</span>}
        <span className="ml-auto flex items-center gap-0.5">
          {canCancel && (
            <Tooltip label="Cancel this sub-agent">
              <button type="button" data-testid="agent-cancel" aria-label={`Cancel sub-agent ${agent.index}`} disabled={pending !== undefined} onClick={() => void control('cancel')} className={iconButton}>
                <X aria-hidden />
              </button>
            </Tooltip>
          )}
          {canRetry && (
            <Tooltip label="Start this sub-agent over">
              <button type="button" data-testid="agent-retry" aria-label={`Retry sub-agent ${agent.index}`} disabled={pending !== undefined} onClick={() => void control('retry')} className={iconButton}>
                <RotateCcw aria-hidden />
              </button>
            </Tooltip>
          )}
          {hasOutput && (
            <button
              type="button"
              data-testid="agent-expand"
              aria-expanded={open}
              onClick={() => {
                // The card grows where the reader is looking; the list does not slide to the bottom.
                releaseScroll();
                setOpen((v) => !v);
              }}
              className="inline-flex h-7 items-center gap-0.5 rounded-full px-2 font-medium text-muted-foreground transition-colors hover:bg-muted hover:text-foreground"
            >
              {open ? 'Less' : 'More'}
              <ChevronDown className={cn('size-3.5 transition-transform', open && 'rotate-180')} aria-hidden />
            </button>
          )}
        </span>
      </footer>
    </article>
  );
});

const iconButton =
  'inline-flex size-7 items-center justify-center rounded-full text-muted-foreground transition-colors hover:bg-muted hover:text-foreground disabled:opacity-40 [&_svg]:size-3.5';

function AgentOutput({ text, reasoning, status, error, open }: { text: string; reasoning: string; status: AgentDisplayStatus; error?: string; open: boolean }) {
  if (open) {
    return (
      <div data-testid="agent-output" data-expanded className="scroll-quiet mt-2.5 max-h-96 overflow-y-auto rounded-lg bg-muted/50 px-3 py-2 text-[13px]">
        {reasoning && (
          <details className="mb-2 text-[12.5px] text-muted-foreground">
            <summary className="cursor-pointer font-medium select-none">Reasoning</summary>
            <p className="mt-1 whitespace-pre-wrap">{reasoning}</p>
          </details>
        )}
        {text ? <Markdown text={text} streaming={status === 'running'} className="text-[13px]" /> : <p className="text-muted-foreground">No text yet.</p>}
        {error && <p className="mt-2 text-destructive">{error}</p>}
      </div>
    );
  }
  const preview = text.trim() ? text : reasoning;
  // While it runs, the newest lines show; once it is over, the first ones.
  const tail = status === 'running';
  return (
    <div data-testid="agent-output" className="relative mt-2.5 h-[3.75rem] overflow-hidden text-[12.5px] leading-5">
      {preview.trim() ? (
        <p
          className={cn(
            'absolute inset-x-0 break-words whitespace-pre-wrap',
            tail ? 'bottom-0' : 'top-0',
            text.trim() ? 'text-foreground/75' : 'text-muted-foreground italic',
            (status === 'failed' || status === 'cancelled' || status === 'interrupted') && 'opacity-60',
          )}
        >
          {previewOf(preview, tail)}
          {tail && <span className="ml-0.5 inline-block h-3 w-1.5 translate-y-0.5 animate-pulse rounded-sm bg-accent/70" aria-hidden />}
        </p>
      ) : (
        <p className="text-muted-foreground">{placeholder(status)}</p>
      )}
      {error && (
        <p data-testid="agent-error" className="absolute inset-x-0 bottom-0 line-clamp-2 bg-card text-destructive">
          {error}
        </p>
      )}
      {preview.trim() && (
        <div
          className={cn('pointer-events-none absolute inset-x-0 h-6 from-card to-transparent', tail ? 'top-0 bg-gradient-to-b' : 'bottom-0 bg-gradient-to-t')}
          aria-hidden
        />
      )}
    </div>
  );
}

/** The output without Markdown markers, as a short plain preview of its start or its end. */
function previewOf(text: string, tail: boolean) {
  const plain = text
    .replace(/```[\s\S]*?(```|$)/g, ' [code] ')
    .replace(/[#*_>`|]+/g, '')
    .replace(/\n{2,}/g, '\n')
    .trim();
  if (plain.length <= 320) return plain;
  return tail ? `…${plain.slice(-320)}` : `${plain.slice(0, 320)}…`;
}

function placeholder(status: AgentDisplayStatus) {
  if (status === 'queued') return 'Waiting for a free slot…';
  if (status === 'running') return 'Starting…';
  if (status === 'cancelled') return 'Cancelled before it wrote anything.';
  if (status === 'interrupted') return 'Cut off before it wrote anything.';
  return 'No output.';
}
