"use client";

import { Loader2 } from "lucide-react";
import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogTitle,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import type { ProviderSettings } from "@/lib/settings/types";
import { SettingsRequestError, updateProvider } from "./api";

/** Set or replace a preset's key ("API key", "Save"); the preset keeps its base URL and models. */
export function PresetKeyDialog({
  provider,
  onOpenChange,
  onSaved,
  onCloseAutoFocus,
}: {
  provider: ProviderSettings | null;
  onOpenChange: (open: boolean) => void;
  onCloseAutoFocus: (e: Event) => void;
  onSaved: (provider: ProviderSettings) => void;
}) {
  const uid = useId();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!provider) return;
    const input = e.currentTarget.elements.namedItem("apiKey") as HTMLInputElement;
    setPending(true);
    setError(undefined);
    try {
      onSaved(await updateProvider(provider.id, { apiKey: input.value }));
    } catch (err) {
      const issue =
        err instanceof SettingsRequestError ? err.issues.find((i) => i.field === "apiKey") : undefined;
      setError(issue?.message ?? (err instanceof Error ? err.message : String(err)));
      input.focus();
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog
      open={provider !== null}
      onOpenChange={(o) => {
        if (!o) setError(undefined);
        onOpenChange(o);
      }}
    >
      <DialogContent onCloseAutoFocus={onCloseAutoFocus}>
        <div className="grid gap-1">
          <DialogTitle>
            {provider?.key ? "Replace" : "Set"} the {provider?.name} key
          </DialogTitle>
          <DialogDescription>
            Stored encrypted on this server and used at once; it is never shown again
            {provider?.envVars[0]
              ? `. ${provider.envVars[0]} in the environment would take precedence.`
              : "."}
          </DialogDescription>
        </div>
        <form className="grid gap-4" onSubmit={submit} noValidate>
          <div className="grid gap-1.5">
            <label htmlFor={`${uid}-key`} className="font-medium text-sm">
              API key
            </label>
            <Input
              id={`${uid}-key`}
              name="apiKey"
              type="password"
              required
              autoComplete="off"
              spellCheck={false}
              placeholder={provider?.key ? `Replaces ${provider.key}` : undefined}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${uid}-error` : undefined}
            />
            {error && (
              <p id={`${uid}-error`} className="text-destructive text-xs">
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
            <Button type="submit" size="sm" disabled={pending}>
              {pending && <Loader2 aria-hidden className="animate-spin" />}
              Save
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
