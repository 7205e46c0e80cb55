import type { Metadata } from "next";
import { headers } from "next/headers";
import { type ListedShareLink, SharedLinksView } from "@/components/share/shared-links-view";
import { AppShell } from "@/components/sidebar/app-shell";
import { getOwnerId } from "@/lib/auth/owner";
import { listConversationSummaries } from "@/lib/chat/conversations";
import { listComparisonSummaries } from "@/lib/compare/comparisons";
import { headersOrigin } from "@/lib/http";
import { listShareLinks } from "@/lib/share/shares";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Shared links · Speciale Playground" };

export default async function SharedLinksPage() {
  const ownerId = getOwnerId();
  const conversations = listConversationSummaries(ownerId);
  const comparisons = listComparisonSummaries(ownerId);
  // Links list the current title of what they share; the snapshot keeps the title it was taken with.
  const titles = new Map<string, string>([
    ...conversations.map((c) => [`conversation:${c.id}`, c.title] as const),
    ...comparisons.map((c) => [`comparison:${c.id}`, c.title] as const),
  ]);
  const links: ListedShareLink[] = listShareLinks(ownerId, headersOrigin(await headers())).map((l) => ({
    ...l,
    targetTitle: titles.get(`${l.kind}:${l.targetId}`) ?? l.title,
  }));
  return (
    <AppShell initialConversations={conversations} initialComparisons={comparisons}>
      <SharedLinksView links={links} />
    </AppShell>
  );
}
