"use client";

import { Loader2 } from "lucide-react";
import { type FormEvent, useId, useRef, useState } from "react";
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
import { cn } from "@/lib/utils";
import { createProvider, type ProviderFields, SettingsRequestError, updateProvider } from "./api";
import { FIELDS, type FieldName, formPatch } from "./form-patch";

function Field({
  id,
  label,
  hint,
  error,
  ...input
}: { id: string; label: string; hint?: string; error?: string } & React.ComponentProps<typeof Input>) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className="grid gap-1.5">
      <label htmlFor={id} className="font-medium text-sm">
        {label}
      </label>
      <Input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {hint && (
        <p id={`${id}-hint`} className="text-muted-foreground text-xs">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-destructive text-xs">
          {error}
        </p>
      )}
    </div>
  );
}

/** Add or edit a custom OpenAI-compatible provider: Name, Base URL, API key, Default model, Save. */
export function ProviderFormDialog({
  open,
  editing,
  onOpenChange,
  onSaved,
  onCloseAutoFocus,
}: {
  open: boolean;
  /** the provider being edited, or null to add one */
  editing: ProviderSettings | null;
  onOpenChange: (open: boolean) => void;
  onCloseAutoFocus: (e: Event) => void;
  onSaved: (provider: ProviderSettings, created: boolean) => void;
}) {
  const uid = useId();
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Partial<Record<FieldName | "form", string>>>({});
  const [pending, setPending] = useState(false);
  const [removeKey, setRemoveKey] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const values = Object.fromEntries(FIELDS.map((f) => [f, String(data.get(f) ?? "")])) as Record<
      FieldName,
      string
    >;
    const patch = formPatch(editing, values, removeKey);
    if (editing && Object.keys(patch).length === 0) {
      onOpenChange(false);
      return;
    }
    setPending(true);
    setErrors({});
    try {
      const saved = editing
        ? await updateProvider(editing.id, patch)
        : await createProvider(patch as ProviderFields);
      onSaved(saved, !editing);
    } catch (err) {
      const issues = err instanceof SettingsRequestError ? err.issues : [];
      const next: Partial<Record<FieldName | "form", string>> = {};
      for (const issue of issues) {
        if ((FIELDS as string[]).includes(issue.field)) next[issue.field as FieldName] ??= issue.message;
      }
      if (Object.keys(next).length === 0) next.form = err instanceof Error ? err.message : String(err);
      setErrors(next);
      // The first field in error takes the focus, so its message is read with it.
      const first = FIELDS.find((f) => next[f]);
      if (first) form.current?.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (!o) {
          setErrors({});
          setRemoveKey(false);
        }
        onOpenChange(o);
      }}
    >
      <DialogContent className="max-w-lg" onCloseAutoFocus={onCloseAutoFocus}>
        <div className="grid gap-1">
          <DialogTitle>{editing ? `Edit ${editing.name}` : "Add a provider"}</DialogTitle>
          <DialogDescription>
            Any OpenAI-compatible API: vLLM, SGLang, Ollama, llama.cpp, LM Studio, OpenRouter… The key is
            stored encrypted on the server and never shown again.
          </DialogDescription>
        </div>
        <form ref={form} className="grid gap-4" onSubmit={submit} noValidate>
          <Field
            id={`${uid}-name`}
            name="name"
            label="Name"
            required
            maxLength={60}
            autoComplete="off"
            defaultValue={editing?.name ?? ""}
            error={errors.name}
          />
          <Field
            id={`${uid}-base`}
            name="baseUrl"
            label="Base URL"
            required
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="http://localhost:11434/v1"
            hint="The address the API's paths follow: GET {Base URL}/models must list its models."
            defaultValue={editing?.baseUrl ?? ""}
            error={errors.baseUrl}
          />
          <Field
            id={`${uid}-key`}
            name="apiKey"
            label="API key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder={editing?.key ? `Leave empty to keep ${editing.key}` : "Optional for a local server"}
            error={errors.apiKey}
          />
          {editing?.key && (
            <label className="-mt-2 flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="size-4 accent-primary"
                checked={removeKey}
                onChange={(e) => setRemoveKey(e.currentTarget.checked)}
              />
              Remove the saved key
            </label>
          )}
          <Field
            id={`${uid}-model`}
            name="defaultModel"
            label="Default model"
            autoComplete="off"
            spellCheck={false}
            placeholder="The first model the server lists"
            defaultValue={editing?.defaultModel ?? ""}
            error={errors.defaultModel}
          />
          {errors.form && (
            <p role="alert" className={cn("text-destructive text-sm")}>
              {errors.form}
            </p>
          )}
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
