"use client";

import { Check, Copy, ExternalLink, Link2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { copyText } from "@/components/chat/copy-button";
import { PageHeader } from "@/components/sidebar/page-header";
import { Button } from "@/components/ui/button";
import type { ShareLink } from "@/lib/share/types";
import { cn } from "@/lib/utils";
import { revokeLink } from "./api";
import { LinkStatus } from "./link-status";
import { LocalTime } from "./local-time";

/** A link with the current title of what it shares (the snapshot's title may be older). */
export type ListedShareLink = ShareLink & { targetTitle: string };

function LinkRow({ link, onRevoked }: { link: ListedShareLink; onRevoked: () => void }) {
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const active = link.status === "active";
  const href = link.kind === "conversation" ? `/c/${link.targetId}` : `/compare/${link.targetId}`;

  const copy = async () => {
    try {
      await copyText(link.url);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 1500);
      toast.success("Link copied");
    } catch {
      toast.error("Could not copy to the clipboard");
    }
  };

  const revoke = async () => {
    setPending(true);
    try {
      await revokeLink(link.token);
      toast.success("Link revoked");
      onRevoked();
    } catch (err) {
      toast.error(`Could not revoke: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setPending(false);
      setConfirming(false);
    }
  };

  return (
    <li
      aria-label={`Shared link to ${link.targetTitle}`}
      className={cn("grid gap-2 rounded-xl border px-4 py-3", !active && "bg-muted/30")}
    >
      <div className="flex flex-wrap items-center gap-2">
        <Link
          href={href}
          className="min-w-0 truncate font-medium text-sm underline-offset-2 hover:underline"
          title={link.targetTitle}
        >
          {link.targetTitle}
        </Link>
        {link.kind === "comparison" && (
          <span className="rounded-md border px-1.5 py-px text-[11px] text-muted-foreground">Comparison</span>
        )}
        <LinkStatus status={link.status} />
      </div>
      <p
        className={cn(
          "break-all font-mono text-muted-foreground text-xs",
          !active && "line-through decoration-muted-foreground/60",
        )}
      >
        {link.url}
      </p>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-muted-foreground text-xs">
        <span>
          Created <LocalTime ms={link.createdAt} />
        </span>
        {link.updatedAt !== link.createdAt && (
          <span>
            Updated <LocalTime ms={link.updatedAt} />
          </span>
        )}
        {link.revokedAt ? (
          <span>
            Revoked <LocalTime ms={link.revokedAt} />
          </span>
        ) : link.expiresAt ? (
          <span>
            {link.status === "expired" ? "Expired" : "Expires"} <LocalTime ms={link.expiresAt} />
          </span>
        ) : (
          <span>Never expires</span>
        )}
      </div>
      {active && (
        <div className="flex flex-wrap items-center gap-2">
          {confirming ? (
            <>
              <span className="text-sm">Revoke? Visitors will get “not found”.</span>
              <Button size="xs" variant="outline" disabled={pending} onClick={() => setConfirming(false)}>
                Cancel
              </Button>
              <Button size="xs" variant="destructive" disabled={pending} onClick={revoke}>
                Revoke
              </Button>
            </>
          ) : (
            <>
              <Button size="xs" variant="outline" onClick={copy}>
                {copied ? <Check /> : <Copy />}
                Copy link
              </Button>
              <Button size="xs" variant="ghost" asChild>
                <a href={link.url} target="_blank" rel="noreferrer">
                  <ExternalLink />
                  Open
                </a>
              </Button>
              <Button
                size="xs"
                variant="ghost"
                className="text-destructive hover:bg-destructive/10 hover:text-destructive"
                onClick={() => setConfirming(true)}
              >
                Revoke
              </Button>
            </>
          )}
        </div>
      )}
    </li>
  );
}

/** The "Shared links" page: every link of the owner, its status, and Copy / Revoke. */
export function SharedLinksView({ links }: { links: ListedShareLink[] }) {
  const router = useRouter();
  const activeCount = links.filter((l) => l.status === "active").length;
  return (
    <section aria-label="Shared links" className="flex min-w-0 flex-1 flex-col">
      <PageHeader title="Shared links" />
      <div className="min-h-0 flex-1 overflow-y-auto">
        <div className="mx-auto grid w-full max-w-3xl gap-4 px-4 pt-6 pb-10 sm:px-6">
          {links.length > 0 && (
            <p className="text-muted-foreground text-sm">
              {activeCount} active of {links.length} {links.length === 1 ? "link" : "links"}. Each shows a
              read-only snapshot; use Share in the conversation to update it.
            </p>
          )}
          {links.length === 0 ? (
            <div className="flex flex-col items-center gap-2 rounded-xl border border-dashed px-6 py-12 text-center">
              <Link2 aria-hidden className="size-6 text-muted-foreground" />
              <p className="text-sm">No shared links yet.</p>
              <p className="max-w-sm text-muted-foreground text-xs">
                Open a conversation and press Share to create a read-only link to it.
              </p>
            </div>
          ) : (
            <ul className="grid gap-3">
              {links.map((l) => (
                <LinkRow key={l.token} link={l} onRevoked={() => router.refresh()} />
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
