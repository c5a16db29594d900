'use client';
// The run's flow at a glance: plan → agents → synthesis, with where it is now.
import { Check, CircleSlash, ListChecks, Merge, Split, Unplug, type LucideIcon } from 'lucide-react';
import { Fragment } from 'react';
import { cn } from '@/lib/utils';
import type { AgentDisplayStatus, RunDisplayPhase } from './board-state';

type StepState = 'pending' | 'active' | 'done' | 'ended';

interface Step {
  key: string;
  label: string;
  Icon: LucideIcon;
  state: StepState;
}

const order: Record<string, number> = { planning: 0, working: 1, synthesizing: 2, done: 3 };

export function RunFlow({ phase, agents, direct, reached }: { phase: RunDisplayPhase; agents: AgentDisplayStatus[]; direct: boolean; reached: 'planning' | 'working' | 'synthesizing' }) {
  const ended = phase === 'stopped' || phase === 'failed' || phase === 'interrupted';
  // Where the run got to: the live phase, or for an ended run the last phase it entered.
  const at = ended ? order[reached]! : order[phase]!;
  const state = (index: number): StepState => (at > index ? 'done' : at === index ? (ended ? 'ended' : 'active') : 'pending');
  const running = agents.filter((s) => s === 'running').length;
  const finished = agents.filter((s) => s === 'done').length;
  const agentLabel = direct
    ? 'No fan-out'
    : agents.length === 0
      ? 'Agents'
      : state(1) === 'active'
        ? `${running} running${finished ? ` · ${finished} done` : ''}`
        : finished === agents.length
          ? `${agents.length} ${agents.length === 1 ? 'agent' : 'agents'}`
          : `${finished} of ${agents.length} done`;
  const steps: Step[] = [
    { key: 'plan', label: state(0) === 'active' ? 'Planning' : 'Plan', Icon: ListChecks, state: state(0) },
    { key: 'agents', label: agentLabel, Icon: Split, state: direct ? (at >= 1 ? 'done' : 'pending') : state(1) },
    { key: 'synthesis', label: direct ? 'Answer' : 'Synthesis', Icon: Merge, state: state(2) },
  ];
  return (
    <ol data-testid="run-flow" data-phase={phase} aria-label="Progress" className="flex w-max items-center gap-1 text-xs sm:gap-1.5">
      {steps.map((step, i) => (
        <Fragment key={step.key}>
          {i > 0 && <li aria-hidden className={cn('h-px w-2.5 shrink-0 sm:w-5', step.state === 'pending' ? 'bg-border' : 'bg-foreground/25')} />}
          <li
            data-step={step.key}
            data-state={step.state}
            className={cn(
              'inline-flex items-center gap-1.5 rounded-full px-2 py-1 font-medium whitespace-nowrap',
              step.state === 'active' && 'bg-accent-soft text-accent',
              step.state === 'done' && 'text-foreground/80',
              step.state === 'pending' && 'text-muted-foreground/70',
              step.state === 'ended' && 'bg-muted text-muted-foreground',
            )}
          >
            <StepIcon step={step} phase={phase} />
            <span>{step.label}</span>
          </li>
        </Fragment>
      ))}
    </ol>
  );
}

function StepIcon({ step, phase }: { step: Step; phase: RunDisplayPhase }) {
  if (step.state === 'done') return <Check className="size-3.5 shrink-0 text-emerald-600 dark:text-emerald-400" aria-hidden />;
  if (step.state === 'ended') {
    const Icon = phase === 'interrupted' ? Unplug : CircleSlash;
    return <Icon className="size-3.5 shrink-0" aria-hidden />;
  }
  if (step.state === 'active') {
    return (
      <span className="relative flex size-3.5 shrink-0 items-center justify-center" aria-hidden>
        <span className="absolute size-2 animate-ping rounded-full bg-accent/50" />
        <span className="size-2 rounded-full bg-accent" />
      </span>
    );
  }
  return <step.Icon className="size-3.5 shrink-0" aria-hidden />;
}
