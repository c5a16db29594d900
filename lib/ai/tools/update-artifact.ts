// update_artifact: a change to an artifact of this chat ("make the paddle faster") becomes its next
// version. The model sends the complete new content, never a diff, so every version stands alone.
import 'server-only';
import { tool, zodSchema } from 'ai';
import { z } from 'zod';
import { addArtifactVersion } from '@/lib/db/artifacts';
import type { ArtifactToolOutput } from '@/lib/types';
import { MAX_ARTIFACT_CHARS, type ArtifactToolContext } from './context';
import { savedNote } from './saved-note';

// The id streams first, so the panel knows at once which artifact is getting a new version.
export const updateArtifactInput = z.object({
  id: z.string().trim().min(1).max(64).describe('The id of the artifact to change, exactly as given when it was created (e.g. "art_…").'),
  title: z.string().trim().min(1).max(120).optional().describe('A new title, only if the old one no longer fits.'),
  content: z.string().min(1).max(MAX_ARTIFACT_CHARS).describe('The complete new source of the artifact (all of it, not only the changed part).'),
});


/** Converted to JSON Schema once, not for every request (lib/ai/tools/index.ts says why). */
const updateArtifactInputSchema = zodSchema(updateArtifactInput);
export function updateArtifactTool(context: ArtifactToolContext) {
  return tool({
    description:
      'Change an artifact already in this conversation: send its id and its complete new content. The change becomes a new version; the user can switch back to earlier ones.',
    inputSchema: updateArtifactInputSchema,
    execute: async (input): Promise<ArtifactToolOutput> => {
      const saved = await addArtifactVersion({ ...context, artifactId: input.id, title: input.title, content: input.content });
      if (!saved) throw new Error(`There is no artifact with id ${input.id} in this conversation. Use create_artifact to make a new one.`);
      return { artifactId: saved.artifactId, version: saved.version, title: saved.title, kind: saved.kind };
    },
    toModelOutput: ({ output }) => ({ type: 'text', value: savedNote(output) }),
  });
}
