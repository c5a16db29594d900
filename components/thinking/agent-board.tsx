'use client';
// The agent board of a Thinking answer: the plan's approach, where the run is (plan → agents →
// synthesis), and one card per sub-agent, live while the run streams. Once the answer is done the
// board folds into a one-line summary that opens again on a click or when a citation points in.
import { Info, Sparkles } from 'lucide-react';
import { useState } from 'react';
import { useReleaseScroll } from '@/components/chat/scroll-release';
import { selectFocusedAgent, useFlintStore } from '@/lib/store';
import type { FlintUIMessage, MessageStatus } from '@/lib/types';
import { cn } from '@/lib/utils';
import { AgentCard } from './agent-card';
import { agentDisplayStatus, runDisplayPhase, runSummary, type BoardState } from './board-state';
import { Elapsed } from './elapsed';
import { RunFlow } from './run-flow';
import { RunSummary } from './run-summary';

export function AgentBoard({ message, board, status }: { message: FlintUIMessage; board: BoardState; status: MessageStatus }) {
  const { run, plan, agents } = board;
  const streaming = status === 'streaming';
  const phase = runDisplayPhase(run, status);
  const focused = useFlintStore(selectFocusedAgent(message.id));

  // Folded once done; a run that was stopped or failed stays open to show what happened.
  const [expanded, setExpanded] = useState(status !== 'done');
  // Opening or folding the board keeps it where the reader is looking: the list does not slide to
  // the bottom as the board grows.
  const releaseScroll = useReleaseScroll();
  const [seen, setSeen] = useState({ status, focus: focused?.seq });
  if (seen.status !== status || seen.focus !== focused?.seq) {
    setSeen({ status, focus: focused?.seq });
    if (seen.status !== status && status === 'done') setExpanded(false);
    if (focused && seen.focus !== focused.seq) setExpanded(true);
  }

  const statuses = agents.map((agent) => agentDisplayStatus(agent, status));
  const reached = run.phase === 'planning' || run.phase === 'working' || run.phase === 'synthesizing' ? run.phase : run.synthesisMs !== undefined ? 'synthesizing' : plan ? 'working' : 'planning';
  const controllable = streaming && run.phase === 'working';
  const open = streaming || expanded;

  return (
    <section
      data-testid="agent-board"
      data-phase={phase}
      data-expanded={open || undefined}
      aria-label="Agent board"
      className={cn('mb-4 rounded-2xl border bg-muted/30 transition-colors', open ? 'p-3 sm:p-3.5' : 'px-2.5 py-1.5')}
    >
      {streaming ? (
        <div className="flex min-w-0 items-center gap-2">
          <Sparkles className="size-4 shrink-0 text-accent" aria-hidden />
          <span className="hidden shrink-0 text-[13px] font-semibold sm:inline">Thinking</span>
          <div className="min-w-0 flex-1 overflow-x-auto [scrollbar-width:none]">
            <RunFlow phase={phase} agents={statuses} direct={Boolean(plan?.direct)} reached={reached} />
          </div>
          <Elapsed key={run.elapsedMs} ms={run.elapsedMs ?? 0} running className="shrink-0 text-xs text-muted-foreground tabular-nums" />
        </div>
      ) : (
        <RunSummary text={runSummary(board)} phase={phase} expanded={expanded} onToggle={() => (releaseScroll(), setExpanded((v) => !v))} limited={run.limit === 'time'} />
      )}

      {open && (
        <>
          {!streaming && (
            <div className="mt-2 overflow-x-auto [scrollbar-width:none]">
              <RunFlow phase={phase} agents={statuses} direct={Boolean(plan?.direct)} reached={reached} />
            </div>
          )}
          {plan ? (
            <p data-testid="plan-approach" className="mt-2.5 text-[13px] leading-5 text-muted-foreground">
              <span className="font-medium text-foreground/80">Plan: </span>
              {plan.approach}
            </p>
          ) : (
            streaming && <PlanningPlaceholder />
          )}
          {agents.length > 0 && (
            <div className="mt-3 grid grid-cols-1 gap-2 sm:grid-cols-2">
              {agents.map((agent, i) => (
                <AgentCard
                  key={agent.id}
                  agent={agent}
                  messageId={message.id}
                  status={statuses[i]!}
                  controllable={controllable}
                  focusSeq={focused?.agentId === agent.id ? focused.seq : undefined}
                />
              ))}
            </div>
          )}
          {(run.notes?.length ?? 0) > 0 && (
            <ul data-testid="run-notes" className="mt-3 space-y-1 text-xs text-muted-foreground">
              {run.notes!.map((note) => (
                <li key={note} className="flex items-start gap-1.5">
                  <Info className="mt-0.5 size-3.5 shrink-0" aria-hidden />
                  {note}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function PlanningPlaceholder() {
  return (
    <div className="mt-3 grid grid-cols-1 gap-2 sm:grid-cols-2" aria-label="Planning">
      {[0, 1].map((i) => (
        <div key={i} className={cn('h-[7.5rem] animate-pulse rounded-xl border bg-card/60', i === 1 && 'hidden sm:block')} />
      ))}
    </div>
  );
}
