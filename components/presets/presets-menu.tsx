"use client";

import { Settings2 } from "lucide-react";
import { Dialog as DialogPrimitive, DropdownMenu as DropdownMenuPrimitive } from "radix-ui";
import { useId, useMemo, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogTitle,
} from "@/components/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Input } from "@/components/ui/input";
import { describeParams, type GenerationParams, type ModelLimits } from "@/lib/params";
import { applyPreset, builtInPresets } from "@/lib/presets/built-in";
import type { SavedPreset } from "@/lib/presets/types";
import { PresetsMenuButton, SavePresetDisabled, SavePresetTrigger } from "./presets-buttons";
import { deletePreset, renamePreset, replacePreset, savePreset, usePresets } from "./use-presets";

function summary(params: GenerationParams): string {
  const parts = describeParams(params);
  if (params.system) parts.push("system prompt");
  return parts.join(" · ") || "every parameter unset";
}

function MenuLabel({ children }: { children: string }) {
  return (
    <DropdownMenuPrimitive.Label className="px-2 pt-1.5 pb-1 font-medium text-[11px] text-muted-foreground uppercase tracking-wide">
      {children}
    </DropdownMenuPrimitive.Label>
  );
}

/**
 * "Presets": apply a built-in or a saved parameter set. A preset this model cannot take (a provider's
 * limits) is not applied, and the toast says why.
 */
export function PresetsMenu({
  limits,
  modelLabel,
  keep,
  onApply,
  defaultOpen = false,
}: {
  limits: ModelLimits;
  /** "deepseek-reasoner (DeepSeek)", for the messages */
  modelLabel: string;
  /** what a built-in leaves as it is: the current system prompt and stop sequences */
  keep: Pick<GenerationParams, "system" | "stop">;
  onApply: (params: GenerationParams) => void;
  /** opened as it mounts (it downloads when its button is first used: lazy-presets.tsx) */
  defaultOpen?: boolean;
}) {
  const saved = usePresets();
  const builtIns = useMemo(() => builtInPresets(limits), [limits]);
  const [manageOpen, setManageOpen] = useState(false);

  const apply = (name: string, params: GenerationParams, builtIn: boolean) => {
    const result = applyPreset(keep, { params, builtIn }, limits);
    if (!result.ok) {
      toast.error(`Preset “${name}” cannot be used with ${modelLabel}`, { description: result.reason });
      return;
    }
    onApply(result.params);
    toast.success(`Preset “${name}” applied`);
  };

  return (
    <>
      <DropdownMenu defaultOpen={defaultOpen}>
        <DropdownMenuTrigger asChild>
          <PresetsMenuButton />
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="max-h-[70dvh] w-72 overflow-y-auto">
          <MenuLabel>Built-in</MenuLabel>
          {builtIns.map((p) => (
            <DropdownMenuItem key={p.id} onSelect={() => apply(p.name, p.params, true)}>
              <span className="grid min-w-0">
                <span>{p.name}</span>
                <span className="text-muted-foreground text-xs">{p.description}</span>
              </span>
            </DropdownMenuItem>
          ))}
          <DropdownMenuPrimitive.Separator className="-mx-1 my-1 h-px bg-border" />
          <MenuLabel>Saved</MenuLabel>
          {saved === undefined ? (
            <p className="px-2 py-1.5 text-muted-foreground text-xs">Loading…</p>
          ) : saved.length === 0 ? (
            <p className="px-2 py-1.5 text-muted-foreground text-xs">None yet: use Save preset.</p>
          ) : (
            saved.map((p) => (
              <DropdownMenuItem key={p.id} onSelect={() => apply(p.name, p.params, false)}>
                <span className="grid min-w-0">
                  <span className="truncate">{p.name}</span>
                  <span className="truncate text-muted-foreground text-xs">{summary(p.params)}</span>
                </span>
              </DropdownMenuItem>
            ))
          )}
          <DropdownMenuPrimitive.Separator className="-mx-1 my-1 h-px bg-border" />
          <DropdownMenuItem disabled={!saved?.length} onSelect={() => setManageOpen(true)}>
            <Settings2 />
            Manage presets…
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <ManagePresetsDialog open={manageOpen} onOpenChange={setManageOpen} presets={saved ?? []} />
    </>
  );
}

/** "Save preset": the current parameters and system prompt under a name. */
export function SavePresetButton({
  params,
  disabledReason,
  defaultOpen = false,
}: {
  /** the parameters to save; undefined while they are invalid */
  params: GenerationParams | undefined;
  disabledReason?: string;
  /** opened as it mounts (it downloads when its button is first used: lazy-presets.tsx) */
  defaultOpen?: boolean;
}) {
  const saved = usePresets();
  const [open, setOpen] = useState(defaultOpen);
  const [name, setName] = useState("");
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const inputId = useId();
  const existing = saved?.find((p) => p.name === name.trim());

  const finish = (message: string) => {
    setOpen(false);
    toast.success(message);
  };
  const save = async (replace: boolean) => {
    if (!params) return;
    setPending(true);
    try {
      const result =
        replace && existing
          ? await replacePreset(existing.id, params)
          : await savePreset(name.trim(), params);
      if (result.ok) finish(replace ? `Preset “${name.trim()}” replaced` : `Preset “${name.trim()}” saved`);
      else setError(result.error);
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) {
          setName("");
          setError(undefined);
        }
        setOpen(next);
      }}
    >
      {params || !disabledReason ? (
        // The dialog's trigger: the focus comes back to it when the dialog closes.
        <DialogPrimitive.Trigger asChild>
          <SavePresetTrigger disabled={!params} />
        </DialogPrimitive.Trigger>
      ) : (
        <SavePresetDisabled reason={disabledReason} />
      )}
      <DialogContent>
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            void save(false);
          }}
        >
          <div className="grid gap-1.5">
            <DialogTitle>Save preset</DialogTitle>
            <DialogDescription>
              {params ? summary(params) : ""}. It is offered in every chat and comparison column.
            </DialogDescription>
          </div>
          <div className="grid gap-1.5">
            <label htmlFor={inputId} className="font-medium text-sm">
              Preset name
            </label>
            <Input
              id={inputId}
              value={name}
              maxLength={80}
              autoComplete="off"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${inputId}-error` : undefined}
              onChange={(e) => {
                setName(e.currentTarget.value);
                setError(undefined);
              }}
            />
            {error && (
              <p id={`${inputId}-error`} role="alert" className="text-destructive text-xs">
                {error}
              </p>
            )}
          </div>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline" size="sm">
                Cancel
              </Button>
            </DialogClose>
            {error && existing && (
              <Button
                type="button"
                variant="outline"
                size="sm"
                disabled={pending}
                onClick={() => void save(true)}
              >
                Replace it
              </Button>
            )}
            <Button type="submit" size="sm" disabled={pending || name.trim() === ""}>
              Save
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function PresetRow({ preset }: { preset: SavedPreset }) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(preset.name);
  const [error, setError] = useState<string>();
  const inputId = useId();
  const rename = async () => {
    const result = await renamePreset(preset.id, name.trim());
    if (result.ok) setRenaming(false);
    else setError(result.error);
  };
  return (
    <li className="grid gap-1.5 border-b py-2.5 last:border-b-0">
      {renaming ? (
        <form
          className="grid gap-1.5"
          onSubmit={(e) => {
            e.preventDefault();
            void rename();
          }}
        >
          <label htmlFor={inputId} className="sr-only">
            New name for {preset.name}
          </label>
          <div className="flex gap-1.5">
            <Input
              id={inputId}
              value={name}
              maxLength={80}
              autoFocus
              aria-invalid={error ? true : undefined}
              onChange={(e) => {
                setName(e.currentTarget.value);
                setError(undefined);
              }}
            />
            <Button type="submit" size="sm" disabled={name.trim() === ""}>
              Save
            </Button>
            <Button type="button" size="sm" variant="outline" onClick={() => setRenaming(false)}>
              Cancel
            </Button>
          </div>
          {error && (
            <p role="alert" className="text-destructive text-xs">
              {error}
            </p>
          )}
        </form>
      ) : (
        <div className="flex items-center gap-2">
          <div className="grid min-w-0 flex-1">
            <span className="truncate font-medium text-sm">{preset.name}</span>
            <span className="truncate text-muted-foreground text-xs">{summary(preset.params)}</span>
          </div>
          <Button
            size="xs"
            variant="outline"
            aria-label={`Rename ${preset.name}`}
            onClick={() => {
              setName(preset.name);
              setError(undefined);
              setRenaming(true);
            }}
          >
            Rename
          </Button>
          <Button
            size="xs"
            variant="outline"
            aria-label={`Delete ${preset.name}`}
            className="hover:text-destructive"
            onClick={async () => {
              const result = await deletePreset(preset.id);
              if (result.ok) toast.success(`Preset “${preset.name}” deleted`);
              else toast.error(`Could not delete “${preset.name}”`, { description: result.error });
            }}
          >
            Delete
          </Button>
        </div>
      )}
    </li>
  );
}

/** Rename and delete saved presets (built-ins are part of the app and stay). */
function ManagePresetsDialog({
  open,
  onOpenChange,
  presets,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  presets: SavedPreset[];
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-lg">
        <div className="grid gap-1.5">
          <DialogTitle>Manage presets</DialogTitle>
          <DialogDescription>Built-in presets cannot be changed.</DialogDescription>
        </div>
        {presets.length === 0 ? (
          <p className="text-muted-foreground text-sm">No saved presets.</p>
        ) : (
          <ul className="max-h-[60dvh] overflow-y-auto">
            {presets.map((p) => (
              <PresetRow key={p.id} preset={p} />
            ))}
          </ul>
        )}
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline" size="sm">
              Close
            </Button>
          </DialogClose>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
