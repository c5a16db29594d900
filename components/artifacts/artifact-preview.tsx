'use client';
// The sandboxed preview. A saved version loads its own document from Flint
// (/api/artifacts/[id]/versions/[n]/preview, served with the sandbox policy). A version still being
// written is drawn live: the panel posts its document a few times a second into the live sandbox
// page (/api/artifacts/sandbox), which swaps it in without flashing. Once a version streamed live,
// it stays in the live frame when it is saved, so finishing never reloads what the user watches.
import { LoaderCircle } from 'lucide-react';
import { useTheme } from 'next-themes';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ArtifactVersionView, ArtifactView } from '@/lib/artifacts/collect';
import { artifactDocument, type ArtifactTheme } from '@/lib/artifacts/document';
import { ARTIFACT_SANDBOX } from '@/lib/artifacts/sandbox-policy';
import type { ArtifactKind } from '@/lib/types';
import { cn } from '@/lib/utils';
import { useArtifactWorkspace } from './artifact-workspace';

/** How often a streaming artifact is redrawn. */
const LIVE_INTERVAL_MS = 400;

const SANDBOX_PAGE = '/api/artifacts/sandbox';

export function previewUrl(artifactId: string, version: number, { theme, shareToken }: { theme?: ArtifactTheme; shareToken?: string }) {
  const params = new URLSearchParams();
  if (shareToken) params.set('share', shareToken);
  if (theme) params.set('theme', theme);
  const query = params.toString();
  return `/api/artifacts/${encodeURIComponent(artifactId)}/versions/${version}/preview${query ? `?${query}` : ''}`;
}

/** What is worth drawing of a half-written artifact; undefined to keep showing the previous draw. */
function drawable(kind: ArtifactKind, content: string, final: boolean): string | undefined {
  if (!content.trim()) return undefined;
  if (final) return content;
  if (kind === 'chart') {
    try {
      JSON.parse(content);
      return content;
    } catch {
      return undefined;
    }
  }
  // A diagram's last line is usually unfinished.
  if (kind === 'mermaid') return content.includes('\n') ? content.slice(0, content.lastIndexOf('\n')) : undefined;
  return content;
}

export function ArtifactPreview({ artifact, version, reloadKey, className }: { artifact: ArtifactView; version: ArtifactVersionView; reloadKey: number; className?: string }) {
  const { shareToken } = useArtifactWorkspace();
  const { resolvedTheme } = useTheme();
  const theme: ArtifactTheme = resolvedTheme === 'dark' ? 'dark' : 'light';
  const saved = version.state === 'saved' && version.artifactId !== undefined && version.version !== undefined;
  // The version that was (or is) streaming in front of the user stays live until another is picked.
  const [liveKey, setLiveKey] = useState<string | null>(saved ? null : version.key);
  if (!saved && liveKey !== version.key) setLiveKey(version.key);
  const live = !saved || liveKey === version.key;
  const kind = version.kind ?? artifact.kind ?? 'html';
  const frameClass = cn('size-full border-0', kind === 'html' ? 'bg-white' : 'bg-transparent');

  if (!live) {
    const src = previewUrl(version.artifactId!, version.version!, { theme, shareToken });
    return (
      <div className={cn('relative', className)}>
        <iframe
          key={`${src}#${reloadKey}`}
          data-testid="artifact-preview"
          data-mode="saved"
          src={src}
          sandbox={ARTIFACT_SANDBOX}
          title={`${version.title || artifact.title} (preview)`}
          className={frameClass}
        />
      </div>
    );
  }
  return (
    <LiveFrame
      key={`${version.key}#${reloadKey}`}
      kind={kind}
      title={version.title || artifact.title}
      content={version.content}
      final={version.state !== 'streaming'}
      theme={theme}
      className={className}
      frameClass={frameClass}
    />
  );
}

function LiveFrame({
  kind,
  title,
  content,
  final,
  theme,
  className,
  frameClass,
}: {
  kind: ArtifactKind;
  title: string;
  content: string;
  final: boolean;
  theme: ArtifactTheme;
  className?: string;
  frameClass: string;
}) {
  const frame = useRef<HTMLIFrameElement>(null);
  const ready = useRef(false);
  const posted = useRef('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef({ kind, title, content, final, theme });
  const [shown, setShown] = useState(false);

  useEffect(() => {
    latest.current = { kind, title, content, final, theme };
  });

  // Reads only refs, so it is the same function for the frame's whole life.
  const post = useCallback(() => {
    const target = frame.current?.contentWindow;
    const current = latest.current;
    const body = drawable(current.kind, current.content, current.final);
    if (!target || !ready.current || body === undefined) return;
    const html = artifactDocument(current.kind, body, current.title, { theme: current.theme });
    if (html === posted.current) return;
    posted.current = html;
    // The sandbox has an opaque origin, so there is no origin to name; it accepts messages from its parent only.
    target.postMessage({ flintArtifact: 'show', html, title: current.title, final: current.final }, '*');
  }, []);

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (!frame.current || event.source !== frame.current.contentWindow) return;
      const data = event.data as { flintArtifact?: string } | null;
      if (data?.flintArtifact === 'ready') {
        ready.current = true;
        posted.current = '';
        post();
      }
      if (data?.flintArtifact === 'shown') setShown(true);
    };
    window.addEventListener('message', onMessage);
    return () => {
      window.removeEventListener('message', onMessage);
      clearTimeout(timer.current);
    };
  }, [post]);

  // Redraw at most every LIVE_INTERVAL_MS while streaming, at once when the version is final.
  useEffect(() => {
    if (final) {
      clearTimeout(timer.current);
      timer.current = undefined;
      post();
      return;
    }
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      post();
    }, LIVE_INTERVAL_MS);
  }, [content, final, theme, kind, title, post]);

  return (
    <div className={cn('relative', className)}>
      <iframe ref={frame} data-testid="artifact-preview" data-mode="live" src={SANDBOX_PAGE} sandbox={ARTIFACT_SANDBOX} title={`${title} (preview)`} className={frameClass} />
      {!shown && (
        <div className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center gap-3 bg-background text-sm text-muted-foreground">
          <LoaderCircle className="size-5 animate-spin text-accent" aria-hidden />
          {final ? 'Loading the preview…' : 'Building the preview…'}
        </div>
      )}
    </div>
  );
}
