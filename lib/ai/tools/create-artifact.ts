// create_artifact: the model builds something to be seen or used on its own (a page, a game, a
// dashboard, a diagram, a chart, a document). Its streamed input is the live preview; executing it
// saves version 1, the same way for every provider that can call tools.
import 'server-only';
import { tool, zodSchema } from 'ai';
import { z } from 'zod';
import { createArtifact } from '@/lib/db/artifacts';
import { artifactKinds, type ArtifactToolOutput } from '@/lib/types';
import { MAX_ARTIFACT_CHARS, type ArtifactToolContext } from './context';
import { savedNote } from './saved-note';

// Field order matters: the title streams first (the card has a name at once), the content last.
export const createArtifactInput = z.object({
  title: z.string().trim().min(1).max(120).describe('A short name for the card and the file, e.g. "Paddle game" or "Sales dashboard".'),
  kind: z
    .enum(artifactKinds)
    .describe('html: a complete page with inline CSS/JS; svg: one <svg>; mermaid: diagram source; markdown: a document; chart: a Chart.js config as JSON.'),
  content: z.string().min(1).max(MAX_ARTIFACT_CHARS).describe('The complete source of the artifact, ready to run. Never a fragment or a diff.'),
});


/** Converted to JSON Schema once, not for every request (lib/ai/tools/index.ts says why). */
const createArtifactInputSchema = zodSchema(createArtifactInput);
export function createArtifactTool(context: ArtifactToolContext) {
  return tool({
    description:
      'Build an artifact: a self-contained page, game, dashboard, visualisation, SVG image, Mermaid diagram, chart or long document that Flint shows beside the chat in a sandboxed, runnable preview. Not for short code snippets, which stay in the reply as code blocks.',
    inputSchema: createArtifactInputSchema,
    execute: async (input): Promise<ArtifactToolOutput> => {
      const saved = await createArtifact({ ...context, title: input.title, kind: input.kind, content: input.content });
      return { artifactId: saved.artifactId, version: saved.version, title: saved.title, kind: saved.kind };
    },
    toModelOutput: ({ output }) => ({ type: 'text', value: savedNote(output) }),
  });
}
