import type { ArtifactView } from '@/lib/artifacts/collect';

/**
 * Which artifact the panel should open for versions that appeared since the conversation was
 * opened (marking them seen), or undefined. A failed version only shows its card. An update whose
 * target has not streamed yet waits, unseen: opening it as an artifact of its own would leave the
 * panel on nothing once it joins its artifact.
 */
export function artifactToOpen(seen: Set<string>, artifacts: ArtifactView[]): ArtifactView | undefined {
  let open: ArtifactView | undefined;
  for (const artifact of artifacts) {
    for (const version of artifact.versions) {
      if (seen.has(version.key) || version.awaitingTarget) continue;
      seen.add(version.key);
      if (version.state !== 'error') open = artifact;
    }
  }
  return open;
}
