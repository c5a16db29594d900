// The tool sets Flint gives models. Each is built per request (tools that save need to know whose
// chat and which message they work for) and is the same for Instant and Thinking answers. Their
// input schemas are wrapped with zodSchema() once, in their modules: the AI SDK converts a bare zod
// schema to JSON Schema again on every request, on the way to the model's first token.
import 'server-only';
import type { ToolSet } from 'ai';
import { artifactInstructions } from '@/lib/ai/prompts/artifacts';
import type { ArtifactVersionRecord } from '@/lib/db/artifacts';
import type { ArtifactToolContext } from './context';
import { createArtifactTool } from './create-artifact';
import { updateArtifactTool } from './update-artifact';

export type { ArtifactToolContext } from './context';

export function artifactTools(context: ArtifactToolContext) {
  return { create_artifact: createArtifactTool(context), update_artifact: updateArtifactTool(context) } satisfies ToolSet;
}

export interface Toolkit {
  tools: ToolSet;
  /** What the model must know to use the tools: how, and the artifacts this chat already has. */
  instructions: string;
}

/** The artifact tools and their instructions for one answer in a chat with these artifacts. */
export function artifactToolkit(context: ArtifactToolContext, existing: ArtifactVersionRecord[]): Toolkit {
  return { tools: artifactTools(context), instructions: artifactInstructions(existing) };
}
