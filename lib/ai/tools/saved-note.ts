import type { ArtifactToolOutput } from '@/lib/types';

/** What the model reads back after saving: enough to refer to the artifact, and what to do next. */
export function savedNote(output: ArtifactToolOutput) {
  return `Saved "${output.title}" as artifact ${output.artifactId}, version ${output.version} (${output.kind}). The user now sees it in the artifact panel. Reply with one or two sentences about what it is and how to use it; do not repeat its content.`;
}
