'use client';
// The artifact panel (loaded on demand): a resizable side panel on desktop, a full-screen sheet on
// phones. Preview and Code tabs, the version menu (which message made each version), Copy and
// Download.
import { ChevronDown, Code2, Download, Eye, LoaderCircle, RotateCw, TriangleAlert, X } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { lazy, Suspense, useCallback, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type PointerEvent as ReactPointerEvent, type ReactNode } from 'react';
import { toast } from 'sonner';
import { CopyButton } from '@/components/chat/copy-button';
import { Button } from '@/components/ui/button';
import { DropdownMenu, DropdownMenuContent, DropdownMenuLabel, DropdownMenuRadioGroup, DropdownMenuRadioItem, DropdownMenuTrigger } from '@/components/ui/dropdown-menu';
import { Tooltip } from '@/components/ui/tooltip';
import type { ArtifactVersionView, ArtifactView } from '@/lib/artifacts/collect';
import { artifactFile } from '@/lib/artifacts/download';
import { PANEL_MAX_FRACTION, PANEL_MIN_FRACTION, selectPanelFraction, selectSelection, selectTab } from '@/lib/store/artifacts-slice';
import { cn } from '@/lib/utils';
import { KindTile, kindLabels } from './artifact-kind';
import { ArtifactPreview } from './artifact-preview';
import { useArtifactsStore, useArtifactWorkspace } from './artifact-workspace';
import { useIsDesktop } from './use-is-desktop';

const ArtifactCode = lazy(() => import('./artifact-code'));

export default function ArtifactPanel() {
  const { artifacts } = useArtifactWorkspace();
  const selection = useArtifactsStore(selectSelection);
  const isDesktop = useIsDesktop();
  const artifact = selection ? artifacts.find((a) => a.key === selection.artifactKey) : undefined;
  if (!selection || !artifact) return null;
  const version = (selection.versionKey && artifact.versions.find((v) => v.key === selection.versionKey)) || artifact.versions.at(-1)!;
  return isDesktop ? (
    <SidePanel>
      <PanelBody artifact={artifact} version={version} />
    </SidePanel>
  ) : (
    <PhoneSheet title={version.title || artifact.title}>
      <PanelBody artifact={artifact} version={version} />
    </PhoneSheet>
  );
}

function SidePanel({ children }: { children: ReactNode }) {
  const { store } = useArtifactWorkspace();
  const fraction = useArtifactsStore(selectPanelFraction);
  const panel = useRef<HTMLElement>(null);
  const [dragging, setDragging] = useState(false);

  const resizeTo = useCallback(
    (clientX: number) => {
      const container = panel.current?.parentElement?.getBoundingClientRect();
      if (container && container.width > 0) store.getState().setPanelFraction((container.right - clientX) / container.width);
    },
    [store],
  );

  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    setDragging(true);
  };
  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 0.1 : 0.02;
    if (event.key === 'ArrowLeft') store.getState().setPanelFraction(fraction + step);
    else if (event.key === 'ArrowRight') store.getState().setPanelFraction(fraction - step);
    else return;
    event.preventDefault();
  };

  return (
    <aside
      ref={panel}
      data-testid="artifact-panel"
      aria-label="Artifact"
      // The chat keeps at least 22 rem; the panel at least 20. (animation-duration, not duration:
      // a transition duration would make the width trail the pointer while resizing.)
      style={{ width: `clamp(20rem, ${(fraction * 100).toFixed(2)}%, calc(100% - 22rem))` }}
      className={cn('relative flex shrink-0 flex-col border-l bg-background animate-in fade-in-0 slide-in-from-right-4 animation-duration-200', dragging && 'select-none [&_iframe]:pointer-events-none')}
    >
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize the artifact panel"
        aria-valuemin={Math.round(PANEL_MIN_FRACTION * 100)}
        aria-valuemax={Math.round(PANEL_MAX_FRACTION * 100)}
        aria-valuenow={Math.round(fraction * 100)}
        tabIndex={0}
        data-testid="artifact-resize"
        onPointerDown={onPointerDown}
        onPointerMove={(event) => dragging && resizeTo(event.clientX)}
        onPointerUp={() => setDragging(false)}
        onPointerCancel={() => setDragging(false)}
        onKeyDown={onKeyDown}
        className="group absolute inset-y-0 -left-2 z-20 flex w-4 cursor-col-resize justify-center outline-none"
      >
        <span className={cn('h-full w-0.5 rounded-full transition-colors group-hover:bg-accent/50 group-focus-visible:bg-accent', dragging && 'bg-accent')} />
      </div>
      {children}
    </aside>
  );
}

function PhoneSheet({ title, children }: { title: string; children: ReactNode }) {
  const { store } = useArtifactWorkspace();
  return (
    <Dialog.Root open onOpenChange={(open) => !open && store.getState().close()}>
      <Dialog.Portal>
        <Dialog.Content
          data-testid="artifact-panel"
          aria-describedby={undefined}
          // Focus the sheet itself, not its first button (which would show that button's tooltip).
          onOpenAutoFocus={(event) => {
            event.preventDefault();
            (event.currentTarget as HTMLElement).focus();
          }}
          className="fixed inset-0 z-50 flex flex-col bg-background outline-none animate-in fade-in-0 slide-in-from-bottom-6 animation-duration-200"
        >
          <Dialog.Title className="sr-only">{title}</Dialog.Title>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function versionSummary(artifact: ArtifactView, version: ArtifactVersionView) {
  const index = artifact.versions.indexOf(version);
  const kind = version.kind ? kindLabels[version.kind] : 'Artifact';
  if (version.state === 'streaming') return `${kind} · writing version ${version.version ?? index + 1}…`;
  if (artifact.versions.length === 1) return kind;
  return `${kind} · version ${version.version ?? index + 1} of ${artifact.versions.length}`;
}

function PanelBody({ artifact, version }: { artifact: ArtifactView; version: ArtifactVersionView }) {
  const { store } = useArtifactWorkspace();
  const tab = useArtifactsStore(selectTab);
  const [reloadKey, setReloadKey] = useState(0);
  const kind = version.kind ?? artifact.kind ?? 'html';
  const title = version.title || artifact.title || 'Untitled artifact';
  const busy = version.state === 'streaming' || version.state === 'saving';

  return (
    <div className="flex min-h-0 flex-1 flex-col" data-artifact-key={artifact.key} data-version-key={version.key}>
      <header className="flex flex-col gap-2 border-b px-3 pt-2.5 pb-2">
        <div className="flex items-center gap-2.5">
          <KindTile kind={kind} className="size-9 rounded-lg" />
          <div className="min-w-0 flex-1">
            <h2 className="truncate text-[15px] leading-5 font-semibold tracking-tight" data-testid="artifact-title">
              {title}
            </h2>
            <p className="flex items-center gap-1.5 truncate text-xs leading-5 text-muted-foreground">
              {busy && <LoaderCircle className="size-3 animate-spin" aria-hidden />}
              {versionSummary(artifact, version)}
            </p>
          </div>
          <CopyButton text={version.content} label="Copy code" testId="artifact-copy" />
          <DownloadButton title={title} kind={kind} content={version.content} disabled={busy || !version.content} />
          <Tooltip label="Close">
            <Button variant="ghost" size="icon-sm" aria-label="Close the artifact" data-testid="artifact-close" onClick={() => store.getState().close()}>
              <X aria-hidden />
            </Button>
          </Tooltip>
        </div>
        <div className="flex items-center gap-2">
          <Tabs />
          {tab === 'preview' && (
            <Tooltip label="Reload the preview">
              <Button variant="ghost" size="icon-sm" aria-label="Reload the preview" data-testid="artifact-reload" onClick={() => setReloadKey((k) => k + 1)}>
                <RotateCw aria-hidden />
              </Button>
            </Tooltip>
          )}
          <div className="flex-1" />
          <VersionMenu artifact={artifact} version={version} />
        </div>
      </header>
      {version.state === 'error' && (
        <p role="alert" className="flex items-start gap-2 border-b bg-destructive/5 px-4 py-2.5 text-[13px] text-foreground">
          <TriangleAlert className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden />
          This version was not saved{version.error ? `: ${version.error.replace(/\.$/, '')}.` : '.'} What the model wrote is shown here, but not kept.
        </p>
      )}
      <div className="relative min-h-0 flex-1">
        {/* The preview stays mounted behind the Code tab, so a running game keeps its state. */}
        <ArtifactPreview artifact={artifact} version={version} reloadKey={reloadKey} className={cn('absolute inset-0', tab !== 'preview' && 'invisible')} />
        {tab === 'code' && (
          <div className="absolute inset-0 bg-background">
            <Suspense fallback={<pre className="size-full overflow-auto p-3 font-mono text-[12.5px] leading-5 whitespace-pre">{version.content}</pre>}>
              <ArtifactCode content={version.content} kind={kind} streaming={version.state === 'streaming'} />
            </Suspense>
          </div>
        )}
      </div>
    </div>
  );
}

function Tabs() {
  const { store } = useArtifactWorkspace();
  const tab = useArtifactsStore(selectTab);
  const items = [
    { id: 'preview', label: 'Preview', Icon: Eye },
    { id: 'code', label: 'Code', Icon: Code2 },
  ] as const;
  return (
    <div role="tablist" aria-label="Show" className="inline-flex rounded-full bg-muted p-0.5">
      {items.map(({ id, label, Icon }) => (
        <button
          key={id}
          type="button"
          role="tab"
          aria-selected={tab === id}
          data-testid={`artifact-tab-${id}`}
          onClick={() => store.getState().setTab(id)}
          className={cn(
            'inline-flex h-7 items-center gap-1.5 rounded-full px-3 text-[13px] font-medium text-muted-foreground transition-colors outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring/60',
            tab === id && 'bg-background text-foreground shadow-sm',
          )}
        >
          <Icon className="size-3.5" aria-hidden />
          {label}
        </button>
      ))}
    </div>
  );
}

function formatTime(ms?: number) {
  if (!ms) return '';
  const date = new Date(ms);
  const today = new Date().toDateString() === date.toDateString();
  return today ? date.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' }) : date.toLocaleDateString([], { month: 'short', day: 'numeric' });
}

function clip(text: string | undefined, max = 60) {
  if (!text) return '';
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Which version is shown; each entry says which message asked for it. Picking one scrolls to that message. */
function VersionMenu({ artifact, version }: { artifact: ArtifactView; version: ArtifactVersionView }) {
  const { store } = useArtifactWorkspace();
  const number = (v: ArtifactVersionView) => v.version ?? artifact.versions.indexOf(v) + 1;
  const latest = artifact.versions.at(-1);
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" size="sm" className="gap-1 pr-2 pl-3" data-testid="artifact-version" data-version={number(version)} aria-label={`Version ${number(version)}; choose another version`}>
          v{number(version)}
          <span className="text-muted-foreground">/ {artifact.versions.length}</span>
          <ChevronDown className="text-muted-foreground" aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-80">
        <DropdownMenuLabel>Versions</DropdownMenuLabel>
        <DropdownMenuRadioGroup
          value={version.key}
          onValueChange={(key) => {
            store.getState().selectVersion(key === latest?.key ? null : key);
            const messageId = artifact.versions.find((v) => v.key === key)?.messageId;
            document.querySelector(`[data-message-id="${CSS.escape(messageId ?? '')}"]`)?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
          }}
        >
          {[...artifact.versions].reverse().map((v) => (
            <DropdownMenuRadioItem key={v.key} value={v.key} data-testid="artifact-version-option" data-version={number(v)} className="items-start">
              <span className="min-w-0 flex-1">
                <span className="flex items-center gap-2 font-medium">
                  Version {number(v)}
                  {v === latest && <span className="rounded-full bg-accent-soft px-1.5 py-px text-[11px] font-medium text-accent">Latest</span>}
                  {v.state === 'error' && <span className="text-[11px] font-medium text-destructive">not saved</span>}
                  <span className="ml-auto text-xs font-normal text-muted-foreground">{formatTime(v.createdAt)}</span>
                </span>
                {v.prompt && <span className="mt-0.5 block truncate text-xs text-muted-foreground">From “{clip(v.prompt)}”</span>}
              </span>
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

function DownloadButton({ title, kind, content, disabled }: { title: string; kind: NonNullable<ArtifactVersionView['kind']>; content: string; disabled: boolean }) {
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const file = await artifactFile({ title, kind, content }, async (url) => {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.text();
      });
      const href = URL.createObjectURL(new Blob([file.body], { type: file.type }));
      const link = Object.assign(document.createElement('a'), { href, download: file.name });
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } catch {
      toast.error('The download could not be prepared. Try again, or copy the code instead.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Tooltip label="Download">
      <Button variant="ghost" size="icon-sm" aria-label="Download the artifact" data-testid="artifact-download" disabled={disabled || busy} onClick={() => void download()}>
        {busy ? <LoaderCircle className="animate-spin" aria-hidden /> : <Download aria-hidden />}
      </Button>
    </Tooltip>
  );
}
