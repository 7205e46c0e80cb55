import { notFound } from "next/navigation";
import { Chat } from "@/components/chat/chat";
import { AppShell } from "@/components/sidebar/app-shell";
import { getCatalog } from "@/lib/ai/catalog";
import { getOwnerId } from "@/lib/auth/owner";
import { getConversationOpening, listConversationSummaries } from "@/lib/chat/conversations";
import { listComparisonSummaries } from "@/lib/compare/comparisons";
import { SIDEBAR_FIRST_PAGE } from "@/lib/list-page";

export const dynamic = "force-dynamic";

export default async function ConversationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  /** `m`: the message to open at (a search result) */
  searchParams: Promise<{ m?: string | string[] }>;
}) {
  const { id } = await params;
  const { m } = await searchParams;
  const openAt = typeof m === "string" && m !== "" ? m : undefined;
  const ownerId = getOwnerId();
  const conversation = await getConversationOpening(ownerId, id, openAt);
  if (!conversation) notFound();
  const catalog = await getCatalog();
  const conversations = await listConversationSummaries(ownerId, { limit: SIDEBAR_FIRST_PAGE.conversations });
  const comparisons = await listComparisonSummaries(ownerId, { limit: SIDEBAR_FIRST_PAGE.comparisons });
  return (
    <AppShell initialConversations={conversations} initialComparisons={comparisons}>
      {/* Keyed by the message too: a search result in the open conversation opens it again, at that message. */}
      <Chat
        key={openAt ? `${conversation.id}:${openAt}` : conversation.id}
        catalog={catalog}
        conversation={conversation}
        openAt={openAt}
      />
    </AppShell>
  );
}
