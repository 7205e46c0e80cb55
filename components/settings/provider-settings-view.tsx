"use client";

import { Plus } from "lucide-react";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { PageHeader } from "@/components/sidebar/page-header";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ProviderSettings } from "@/lib/settings/types";
import { checkProvider, removeProvider } from "./api";
import { PresetKeyDialog } from "./preset-key-dialog";
import { ProviderCard } from "./provider-card";
import { ProviderFormDialog } from "./provider-form-dialog";

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The /settings page: every provider with its status; keys and custom providers set here. */
export function ProviderSettingsView({ initial }: { initial: ProviderSettings[] }) {
  const [providers, setProviders] = useState(initial);
  const [checking, setChecking] = useState<ReadonlySet<string>>(new Set());
  const [form, setForm] = useState<{ open: boolean; editing: ProviderSettings | null }>({
    open: false,
    editing: null,
  });
  const [keyFor, setKeyFor] = useState<ProviderSettings | null>(null);
  const [removing, setRemoving] = useState<ProviderSettings | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const remember = () => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  };
  /**
   * A closing dialog gives the focus back to the button that opened it (Radix would look for a Dialog.Trigger);
   * when that button went with its card (a removed provider), to "Add provider".
   */
  const restoreFocus = (e: Event) => {
    e.preventDefault();
    const el = opener.current;
    if (el?.isConnected) el.focus();
    else addButton.current?.focus();
  };

  const put = (p: ProviderSettings) =>
    setProviders((all) =>
      all.some((x) => x.id === p.id) ? all.map((x) => (x.id === p.id ? p : x)) : [...all, p],
    );

  const check = async (p: ProviderSettings) => {
    setChecking((s) => new Set(s).add(p.id));
    try {
      const fresh = await checkProvider(p.id);
      put(fresh);
      if (fresh.status?.reachable) toast.success(`${p.name} answers`);
      else toast.error(`${p.name} is unreachable`, { description: fresh.status?.error });
    } catch (err) {
      toast.error(`Could not check ${p.name}`, { description: errorText(err) });
    } finally {
      setChecking((s) => {
        const next = new Set(s);
        next.delete(p.id);
        return next;
      });
    }
  };

  const remove = async (p: ProviderSettings) => {
    try {
      await removeProvider(p.id);
      if (p.kind === "custom") {
        setProviders((all) => all.filter((x) => x.id !== p.id));
        toast.success(`${p.name} removed`);
      } else {
        const fresh = await checkProvider(p.id);
        put(fresh);
        toast.success(`The ${p.name} key was removed`);
      }
      setRemoving(null);
    } catch (err) {
      toast.error(`Could not remove: ${errorText(err)}`);
    }
  };

  const customCount = providers.filter((p) => p.kind === "custom").length;

  return (
    <main aria-label="Settings" className="flex min-w-0 flex-1 flex-col">
      <PageHeader title="Settings" />
      <div className="min-h-0 flex-1 overflow-y-auto">
        <div className="mx-auto grid w-full max-w-3xl gap-4 px-4 pt-6 pb-10 sm:px-6">
          <div className="flex flex-wrap items-end justify-between gap-3">
            <div className="grid gap-1">
              <h2 className="font-semibold text-base">Providers</h2>
              <p className="max-w-xl text-muted-foreground text-sm">
                Keys set here are stored encrypted on this server and used at once, no restart. Providers set
                in the environment are shown as such; change them there.
              </p>
            </div>
            <Button
              ref={addButton}
              size="sm"
              onClick={() => {
                remember();
                setForm({ open: true, editing: null });
              }}
            >
              <Plus aria-hidden />
              Add provider
            </Button>
          </div>
          <ul aria-label="Providers" className="grid gap-3">
            {providers.map((p) => (
              <ProviderCard
                key={p.id}
                p={p}
                checking={checking.has(p.id)}
                onCheck={() => void check(p)}
                onEdit={() => {
                  remember();
                  setForm({ open: true, editing: p });
                }}
                onSetKey={() => {
                  remember();
                  setKeyFor(p);
                }}
                onRemove={() => {
                  remember();
                  setRemoving(p);
                }}
              />
            ))}
          </ul>
          {customCount === 0 && (
            <p className="text-muted-foreground text-sm">
              No provider of your own yet. “Add provider” takes any OpenAI-compatible API, a local Ollama or
              vLLM included; it then appears in the model menu of chats and comparisons.
            </p>
          )}
        </div>
      </div>
      <ProviderFormDialog
        open={form.open}
        onCloseAutoFocus={restoreFocus}
        editing={form.editing}
        onOpenChange={(open) => setForm((f) => ({ ...f, open }))}
        onSaved={(p, created) => {
          put(p);
          setForm({ open: false, editing: null });
          toast.success(created ? `${p.name} added` : `${p.name} saved`, {
            description:
              p.status && !p.status.reachable ? `But it is unreachable: ${p.status.error}` : undefined,
          });
        }}
      />
      <PresetKeyDialog
        provider={keyFor}
        onCloseAutoFocus={restoreFocus}
        onOpenChange={(open) => !open && setKeyFor(null)}
        onSaved={(p) => {
          put(p);
          setKeyFor(null);
          toast.success(`The ${p.name} key was saved`);
        }}
      />
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        onCloseAutoFocus={restoreFocus}
        title={removing?.kind === "custom" ? `Remove ${removing.name}?` : `Remove the ${removing?.name} key?`}
        description={
          removing?.kind === "custom"
            ? "Its key is deleted. Conversations that used it keep their history but cannot continue with it."
            : "The key saved here is deleted; a key in the environment, if any, stays in use."
        }
        confirmLabel="Remove"
        onConfirm={async () => {
          if (removing) await remove(removing);
        }}
      />
    </main>
  );
}
