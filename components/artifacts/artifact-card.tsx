'use client';
import { AlertTriangle, ChevronRight, LoaderCircle } from 'lucide-react';
import type { ArtifactVersionView, ArtifactView } from '@/lib/artifacts/collect';
import { selectSelection } from '@/lib/store/artifacts-slice';
import type { ArtifactToolPart } from '@/lib/types';
import { cn } from '@/lib/utils';
import { KindTile, kindLabels } from './artifact-kind';
import { preloadArtifactPanel, useArtifactsStore, useArtifactWorkspace } from './artifact-workspace';

function lineCount(text: string) {
  return text ? text.split('\n').length : 0;
}

function statusLine(artifact: ArtifactView, version: ArtifactVersionView) {
  const lines = lineCount(version.content);
  switch (version.state) {
    case 'streaming':
      return lines ? `Writing… ${lines} ${lines === 1 ? 'line' : 'lines'}` : 'Starting…';
    case 'saving':
      return 'Saving…';
    case 'error':
      return 'Not saved';
    case 'saved': {
      const kind = version.kind ? kindLabels[version.kind] : 'Artifact';
      return artifact.versions.length > 1 || (version.version ?? 1) > 1 ? `${kind} · Version ${version.version}` : kind;
    }
  }
}

/** An artifact in a message: its name and state; opens it in the panel. */
export function ArtifactCard({ part }: { part: ArtifactToolPart }) {
  const { artifacts, store } = useArtifactWorkspace();
  const selection = useArtifactsStore(selectSelection);
  const artifact = artifacts.find((a) => a.versions.some((v) => v.key === part.toolCallId));
  const version = artifact?.versions.find((v) => v.key === part.toolCallId);
  if (!artifact || !version) return null;

  const latest = artifact.versions.at(-1) === version;
  const open = selection?.artifactKey === artifact.key && (selection.versionKey === version.key || (selection.versionKey === null && latest));
  const busy = version.state === 'streaming' || version.state === 'saving';
  const title = version.title || artifact.title || (part.type === 'tool-update_artifact' ? 'Updating an artifact' : 'New artifact');

  return (
    <button
      type="button"
      data-testid="artifact-card"
      data-state={version.state}
      data-artifact-id={version.artifactId}
      data-version={version.version}
      aria-pressed={open}
      onClick={() => store.getState().open(artifact.key, version.key)}
      onPointerEnter={preloadArtifactPanel}
      onFocus={preloadArtifactPanel}
      className={cn(
        'group my-3 flex first:mt-0 w-full max-w-md items-center gap-3 rounded-2xl border bg-card p-2.5 pr-3 text-left shadow-xs transition-[border-color,box-shadow,background-color] outline-none hover:border-foreground/20 hover:shadow-md focus-visible:ring-2 focus-visible:ring-ring/60',
        open && 'border-accent/50 ring-1 ring-accent/30',
      )}
    >
      <KindTile kind={version.kind ?? artifact.kind} className={cn(busy && 'animate-pulse')} />
      <span className="min-w-0 flex-1">
        <span className="block truncate text-[15px] leading-5 font-medium">{title}</span>
        <span className={cn('mt-0.5 flex items-center gap-1.5 text-[13px] leading-5 text-muted-foreground', version.state === 'error' && 'text-destructive')}>
          {busy && <LoaderCircle className="size-3.5 animate-spin" aria-hidden />}
          {version.state === 'error' && <AlertTriangle className="size-3.5" aria-hidden />}
          <span className="truncate">{statusLine(artifact, version)}</span>
        </span>
      </span>
      <span className="flex items-center gap-0.5 text-[13px] font-medium text-muted-foreground transition-colors group-hover:text-foreground">
        {open ? 'Open' : 'View'}
        <ChevronRight className="size-4" aria-hidden />
      </span>
    </button>
  );
}
