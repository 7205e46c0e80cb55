"use client";

import { Check, Copy, ExternalLink, Link2, Loader2 } from "lucide-react";
import { Dialog as DialogPrimitive } from "radix-ui";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { copyText } from "@/components/chat/copy-button";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import type { ShareExpiry, ShareLink } from "@/lib/share/types";
import { createLink, listLinks, revokeLink, type ShareKind, updateLink } from "./api";
import { LinkStatus } from "./link-status";
import { LocalTime } from "./local-time";
import { ShareTrigger } from "./share-triggers";

const EXPIRY_OPTIONS: { value: ShareExpiry; label: string }[] = [
  { value: "never", label: "Never" },
  { value: "1d", label: "1 day" },
  { value: "7d", label: "7 days" },
  { value: "30d", label: "30 days" },
];

type Pending = "load" | "create" | "update" | "revoke" | null;

function ExpirySelect({
  value,
  onChange,
  withKeep,
  disabled,
}: {
  value: ShareExpiry | "keep";
  onChange: (v: ShareExpiry | "keep") => void;
  /** an existing link can keep its expiry when updated */
  withKeep: boolean;
  disabled: boolean;
}) {
  return (
    <label className="flex items-center gap-2 text-muted-foreground text-sm">
      Expires after
      <select
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.currentTarget.value as ShareExpiry | "keep")}
        className="h-8 rounded-md border border-input bg-background px-2 text-foreground text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/40 dark:bg-input/20"
      >
        {withKeep && <option value="keep">Keep current</option>}
        {EXPIRY_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function ActiveLink({
  link,
  pending,
  onUpdate,
  onRevoke,
}: {
  link: ShareLink;
  pending: Pending;
  onUpdate: (expiry?: ShareExpiry) => void;
  onRevoke: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const [expiry, setExpiry] = useState<ShareExpiry | "keep">("keep");
  const busy = pending !== null;

  const copy = async () => {
    try {
      await copyText(link.url);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 1500);
      toast.success("Link copied");
    } catch {
      toast.error("Could not copy to the clipboard; select the link and copy it by hand");
    }
  };

  return (
    <div className="grid gap-3">
      <div className="flex items-center gap-2 rounded-lg border bg-muted/40 py-1.5 pr-1.5 pl-3">
        <Link2 aria-hidden className="size-4 shrink-0 text-muted-foreground" />
        <p className="min-w-0 flex-1 select-all break-all font-mono text-xs leading-relaxed">{link.url}</p>
        <Button size="sm" variant="outline" onClick={copy} className="shrink-0">
          {copied ? <Check /> : <Copy />}
          Copy link
        </Button>
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-muted-foreground text-xs">
        <LinkStatus status={link.status} />
        <span>
          Created <LocalTime ms={link.createdAt} />
        </span>
        {link.updatedAt !== link.createdAt && (
          <span>
            Updated <LocalTime ms={link.updatedAt} />
          </span>
        )}
        <span>
          {link.expiresAt ? (
            <>
              Expires <LocalTime ms={link.expiresAt} />
            </>
          ) : (
            "Never expires"
          )}
        </span>
        <a
          href={link.url}
          target="_blank"
          rel="noreferrer"
          className="inline-flex items-center gap-1 underline-offset-2 hover:text-foreground hover:underline"
        >
          Open <ExternalLink aria-hidden className="size-3" />
        </a>
      </div>
      {/* One click: revoking loses no data (a new link can be made), and the contract's "Revoke" acts at once. */}
      <div className="flex flex-wrap items-center gap-2 border-t pt-3">
        <Button
          size="sm"
          variant="ghost"
          className="text-destructive hover:bg-destructive/10 hover:text-destructive"
          disabled={busy}
          title="Anyone opening the link will get “not found”"
          onClick={onRevoke}
        >
          {pending === "revoke" && <Loader2 className="animate-spin" />}
          Revoke
        </Button>
        <div className="ml-auto flex flex-wrap items-center justify-end gap-2">
          <ExpirySelect value={expiry} onChange={setExpiry} withKeep disabled={busy} />
          <Button size="sm" disabled={busy} onClick={() => onUpdate(expiry === "keep" ? undefined : expiry)}>
            {pending === "update" && <Loader2 className="animate-spin" />}
            Update link
          </Button>
        </div>
      </div>
    </div>
  );
}

function NewLink({
  previous,
  pending,
  onCreate,
}: {
  /** the newest link when none is active: it was revoked or has expired */
  previous: ShareLink | undefined;
  pending: Pending;
  onCreate: (expiry: ShareExpiry) => void;
}) {
  const [expiry, setExpiry] = useState<ShareExpiry>("never");
  return (
    <div className="grid gap-3">
      {previous && (
        <div className="grid gap-1 rounded-lg border border-dashed px-3 py-2 text-muted-foreground text-xs">
          <div className="flex items-center gap-2">
            <LinkStatus status={previous.status} />
            <span>The last link no longer works.</span>
          </div>
          <p className="break-all font-mono line-through">{previous.url}</p>
        </div>
      )}
      <div className="flex flex-wrap items-center justify-end gap-2">
        <ExpirySelect
          value={expiry}
          onChange={(v) => v !== "keep" && setExpiry(v)}
          withKeep={false}
          disabled={pending !== null}
        />
        <Button size="sm" disabled={pending !== null} onClick={() => onCreate(expiry)}>
          {pending === "create" && <Loader2 className="animate-spin" />}
          Create link
        </Button>
      </div>
    </div>
  );
}

/** "Share": create, copy, update (same URL, fresh snapshot) and revoke the read-only link of an item. */
export function ShareButton({
  kind,
  id,
  defaultOpen = false,
}: {
  kind: ShareKind;
  id: string;
  /** opened as it mounts (it downloads when its button is first used: lazy-share.tsx) */
  defaultOpen?: boolean;
}) {
  const [open, setOpen] = useState(defaultOpen);
  const [links, setLinks] = useState<ShareLink[] | null>(null);
  const [pending, setPending] = useState<Pending>(null);

  const run = async (what: Exclude<Pending, null>, task: () => Promise<void>) => {
    setPending(what);
    try {
      await task();
    } catch (err) {
      toast.error(err instanceof Error ? err.message : String(err));
    } finally {
      setPending(null);
    }
  };

  // Links may have changed elsewhere (the shared links page, another tab): read them afresh each time.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per opening
  useEffect(() => {
    if (!open) return;
    setLinks(null);
    void run("load", async () => setLinks(await listLinks(kind, id)));
  }, [open]);

  const replace = (link: ShareLink) =>
    setLinks((all) => [link, ...(all ?? []).filter((l) => l.token !== link.token)]);

  const current = links?.find((l) => l.status === "active");
  const noun = kind === "conversation" ? "conversation" : "comparison";

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      {/* The dialog's trigger: the focus comes back to it when the dialog closes. */}
      <DialogPrimitive.Trigger asChild>
        <ShareTrigger />
      </DialogPrimitive.Trigger>
      <DialogContent className="max-w-lg">
        <div className="grid gap-1.5">
          <DialogTitle>Share this {noun}</DialogTitle>
          <DialogDescription>
            Anyone with the link sees a read-only snapshot of it as it is now, with the model, parameters and
            metrics of every answer. Later changes stay private until you update the link.
          </DialogDescription>
        </div>
        {links === null ? (
          <p className="flex items-center gap-2 text-muted-foreground text-sm">
            <Loader2 aria-hidden className="size-4 animate-spin" />
            Loading links…
          </p>
        ) : current ? (
          <ActiveLink
            key={current.token}
            link={current}
            pending={pending}
            onUpdate={(expiry) =>
              run("update", async () => {
                replace(await updateLink(current.token, expiry));
                toast.success("Link updated to the current state");
              })
            }
            onRevoke={() =>
              run("revoke", async () => {
                await revokeLink(current.token);
                replace({ ...current, status: "revoked", revokedAt: Date.now() });
                toast.success("Link revoked");
              })
            }
          />
        ) : (
          <NewLink
            previous={links[0]}
            pending={pending}
            onCreate={(expiry) =>
              run("create", async () => {
                replace(await createLink(kind, id, expiry));
                toast.success("Link created");
              })
            }
          />
        )}
      </DialogContent>
    </Dialog>
  );
}
