import type { Metadata } from "next";
import { headers } from "next/headers";
import { type ListedShareLink, SharedLinksView } from "@/components/share/shared-links-view";
import { AppShell } from "@/components/sidebar/app-shell";
import { getOwnerId } from "@/lib/auth/owner";
import { conversationTitles, listConversationSummaries } from "@/lib/chat/conversations";
import { comparisonTitles, listComparisonSummaries } from "@/lib/compare/comparisons";
import { headersOrigin } from "@/lib/http";
import { SIDEBAR_FIRST_PAGE } from "@/lib/list-page";
import { listShareLinks } from "@/lib/share/shares";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Shared links · Speciale Playground" };

export default async function SharedLinksPage() {
  const ownerId = getOwnerId();
  const conversations = await listConversationSummaries(ownerId, { limit: SIDEBAR_FIRST_PAGE.conversations });
  const comparisons = await listComparisonSummaries(ownerId, { limit: SIDEBAR_FIRST_PAGE.comparisons });
  const shared = await listShareLinks(ownerId, headersOrigin(await headers()));
  const idsOf = (kind: ListedShareLink["kind"]) =>
    shared.filter((l) => l.kind === kind).map((l) => l.targetId);
  // Links list the current title of what they share; the snapshot keeps the title it was taken with.
  const titles = {
    conversation: await conversationTitles(ownerId, idsOf("conversation")),
    comparison: await comparisonTitles(ownerId, idsOf("comparison")),
  };
  const links: ListedShareLink[] = shared.map((l) => ({
    ...l,
    targetTitle: titles[l.kind].get(l.targetId) ?? l.title,
  }));
  return (
    <AppShell initialConversations={conversations} initialComparisons={comparisons}>
      <SharedLinksView links={links} />
    </AppShell>
  );
}
