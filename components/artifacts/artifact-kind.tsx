'use client';
import { AppWindow, ChartColumn, FileText, Shapes, Workflow, type LucideIcon } from 'lucide-react';
import type { ArtifactKind } from '@/lib/types';
import { cn } from '@/lib/utils';

export const kindLabels: Record<ArtifactKind, string> = {
  html: 'Interactive page',
  svg: 'Image',
  mermaid: 'Diagram',
  markdown: 'Document',
  chart: 'Chart',
};

const icons: Record<ArtifactKind, LucideIcon> = { html: AppWindow, svg: Shapes, mermaid: Workflow, markdown: FileText, chart: ChartColumn };

/** The kind's icon on a soft orange tile, as on cards and in the panel's header. */
export function KindTile({ kind, className }: { kind?: ArtifactKind; className?: string }) {
  const Icon = icons[kind ?? 'html'];
  return (
    <span className={cn('inline-flex size-10 shrink-0 items-center justify-center rounded-xl bg-accent-soft text-accent', className)}>
      <Icon className="size-[18px]" aria-hidden />
    </span>
  );
}
