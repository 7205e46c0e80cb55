import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { LocalTime } from "@/components/share/local-time";
import { OpenCopyButton } from "@/components/share/open-copy-button";
import { SharedSnapshotBody } from "@/components/share/shared-snapshot";
import { ThemeToggle } from "@/components/theme-toggle";
import { getOwnerId } from "@/lib/auth/owner";
import { headersOrigin } from "@/lib/http";
import { getPublicShare } from "@/lib/share/shares";
import type { ShareSnapshot } from "@/lib/share/types";
import { assetUrl, STATIC_ASSETS } from "@/lib/static-assets";
import { cn } from "@/lib/utils";

// A snapshot can be updated or revoked at any moment: never serve a cached copy.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }> };

/** One lookup per request, shared by the metadata and the page. */
const loadShare = cache((token: string) => getPublicShare(token, getOwnerId()));

function firstUserText(s: ShareSnapshot): string | undefined {
  const messages = s.kind === "conversation" ? s.messages : s.columns.flatMap((c) => c.messages);
  return messages.find((m) => m.role === "user")?.text;
}

function summary(s: ShareSnapshot): string {
  const text = firstUserText(s)?.replace(/\s+/g, " ").trim();
  if (text) return text.length > 200 ? `${text.slice(0, 199)}…` : text;
  return "A conversation shared from Speciale Playground";
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  // Shared snapshots stay out of search engines; only people given the link should find them.
  const robots = { index: false, follow: false };
  const share = await loadShare((await params).token);
  if (!share) return { title: "Link not available · Speciale Playground", robots };
  const { title } = share.snapshot;
  const description = summary(share.snapshot);
  // Link previews need an absolute URL, on the origin people use (PUBLIC_URL, like the share link itself).
  const image = {
    url: new URL(assetUrl(STATIC_ASSETS.ogImage), headersOrigin(await headers())).href,
    width: 1200,
    height: 630,
    alt: "Speciale Playground",
  };
  return {
    title: `${title} · Speciale Playground`,
    description,
    robots,
    openGraph: { title, description, type: "article", siteName: "Speciale Playground", images: [image] },
    twitter: { card: "summary_large_image", title, description, images: [image] },
  };
}

export default async function SharePage({ params }: Props) {
  const { token } = await params;
  const share = await loadShare(token);
  if (!share) notFound();
  const { snapshot, sharedAt, isOwner } = share;
  const wide = snapshot.kind === "comparison";
  const messageCount =
    snapshot.kind === "conversation"
      ? snapshot.messages.length
      : snapshot.columns.reduce((n, c) => n + c.messages.length, 0);

  return (
    <div className="flex min-h-dvh flex-col bg-background">
      <header className="sticky top-0 z-20 border-b bg-background/90 backdrop-blur supports-[backdrop-filter]:bg-background/75">
        <div
          className={cn(
            "mx-auto flex h-12 items-center gap-2 px-4 sm:px-6",
            wide ? "max-w-7xl" : "max-w-3xl",
          )}
        >
          <span
            aria-hidden
            className="flex size-6 items-center justify-center rounded-md bg-primary font-semibold text-[11px] text-primary-foreground"
          >
            SP
          </span>
          <span className="truncate font-semibold text-sm tracking-tight">Speciale Playground</span>
          <span className="hidden text-muted-foreground text-sm sm:inline">· shared snapshot</span>
          <div className="ml-auto flex shrink-0 items-center gap-1">
            {isOwner && <OpenCopyButton token={token} />}
            <ThemeToggle />
          </div>
        </div>
      </header>

      <main className={cn("mx-auto w-full flex-1 px-4 pt-8 pb-12 sm:px-6", wide ? "max-w-7xl" : "max-w-3xl")}>
        <div className="mb-8 grid gap-1.5 border-b pb-6">
          <h1 className="text-balance break-words font-semibold text-2xl tracking-tight">{snapshot.title}</h1>
          <p className="text-muted-foreground text-sm">
            {wide ? `Comparison of ${snapshot.columns.length} models · ` : ""}
            {messageCount} {messageCount === 1 ? "message" : "messages"} · read-only snapshot from{" "}
            <LocalTime ms={sharedAt} />
          </p>
        </div>
        <SharedSnapshotBody snapshot={snapshot} />
      </main>

      <footer className="border-t px-4 py-5 text-center text-muted-foreground text-xs">
        Shared from Speciale Playground with the model, parameters and metrics of every answer. Later changes
        to the original are not shown.
      </footer>
    </div>
  );
}
