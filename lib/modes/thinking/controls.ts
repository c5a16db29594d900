// Per-agent controls of the Thinking runs in progress, by run id, so server actions can cancel or
// retry one sub-agent. Kept on globalThis like the run registry (one map per server process).
import 'server-only';

export interface AgentControls {
  cancel(agentId: string): boolean;
  retry(agentId: string): boolean;
}

const key = Symbol.for('flint.thinking.controls');
type GlobalWithControls = typeof globalThis & { [key]?: Map<string, AgentControls> };

function controls(): Map<string, AgentControls> {
  const g = globalThis as GlobalWithControls;
  return (g[key] ??= new Map());
}

export function registerAgentControls(runId: string, value: AgentControls) {
  controls().set(runId, value);
  return () => {
    if (controls().get(runId) === value) controls().delete(runId);
  };
}

export function agentControls(runId: string): AgentControls | undefined {
  return controls().get(runId);
}
