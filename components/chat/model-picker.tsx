'use client';
import { Brain, ChevronDown, Eye, Wand2 } from 'lucide-react';
import { Fragment } from 'react';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { AUTO_MODEL, selectEffectiveModel, selectModels, useFlintStore } from '@/lib/store';
import type { ModelCapabilities, ModelOption } from '@/lib/types';

function Capabilities({ capabilities }: { capabilities: ModelCapabilities }) {
  return (
    <span className="flex items-center gap-1 text-muted-foreground" aria-label={[capabilities.vision && 'sees images', capabilities.reasoning && 'can reason'].filter(Boolean).join(', ') || undefined}>
      {capabilities.vision && (
        <span data-capability="vision" title="Sees images" className="rounded-md bg-muted p-1">
          <Eye className="size-3" aria-hidden />
        </span>
      )}
      {capabilities.reasoning && (
        <span data-capability="reasoning" title="Can reason step by step" className="rounded-md bg-muted p-1">
          <Brain className="size-3" aria-hidden />
        </span>
      )}
    </span>
  );
}

export function ModelPicker() {
  const models = useFlintStore(selectModels);
  const selected = useFlintStore(selectEffectiveModel);
  const setModel = useFlintStore((s) => s.setModel);
  const current = models.find((m) => m.id === selected);
  const groups = new Map<string, ModelOption[]>();
  for (const model of models) groups.set(model.providerLabel, [...(groups.get(model.providerLabel) ?? []), model]);
  const onlyOffline = models.length === 1 && models[0]?.provider === 'offline';

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        data-testid="model-picker"
        className="flex h-9 max-w-[60vw] items-center gap-1.5 rounded-full px-3 text-[15px] font-semibold outline-none hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring/60 data-[state=open]:bg-muted"
      >
        <span className="truncate">{current ? current.label : onlyOffline ? models[0]!.label : 'Flint'}</span>
        {!current && !onlyOffline && <span className="font-normal text-muted-foreground">Auto</span>}
        <ChevronDown className="size-4 shrink-0 text-muted-foreground" aria-hidden />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-80">
        <DropdownMenuRadioGroup value={selected} onValueChange={setModel}>
          <DropdownMenuRadioItem value={AUTO_MODEL} data-testid="model-option" data-model-id={AUTO_MODEL}>
            <Wand2 className="size-4 text-accent" aria-hidden />
            <div className="flex flex-col">
              <span className="font-medium">Auto</span>
              <span className="text-xs text-muted-foreground">The configured model for each mode</span>
            </div>
          </DropdownMenuRadioItem>
          {[...groups.entries()].map(([provider, items]) => (
            <Fragment key={provider}>
              <DropdownMenuSeparator />
              <DropdownMenuLabel>{provider}</DropdownMenuLabel>
              {items.map((model) => (
                <DropdownMenuRadioItem key={model.id} value={model.id} data-testid="model-option" data-model-id={model.id}>
                  <div className="flex min-w-0 flex-1 flex-col">
                    <span className="flex items-center justify-between gap-2">
                      <span className="truncate font-medium">{model.label}</span>
                      <Capabilities capabilities={model.capabilities} />
                    </span>
                    {model.hint && <span className="text-xs leading-snug text-muted-foreground">{model.hint}</span>}
                  </div>
                </DropdownMenuRadioItem>
              ))}
            </Fragment>
          ))}
        </DropdownMenuRadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
