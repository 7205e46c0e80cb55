import { notFound } from "next/navigation";
import { Chat } from "@/components/chat/chat";
import { AppShell } from "@/components/sidebar/app-shell";
import { getCatalog } from "@/lib/ai/catalog";
import { getOwnerId } from "@/lib/auth/owner";
import { getConversationOpening, listConversationSummaries } from "@/lib/chat/conversations";
import { listComparisonSummaries } from "@/lib/compare/comparisons";
import { SIDEBAR_FIRST_PAGE } from "@/lib/list-page";

export const dynamic = "force-dynamic";

export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ownerId = getOwnerId();
  const conversation = getConversationOpening(ownerId, id);
  if (!conversation) notFound();
  const catalog = await getCatalog();
  const conversations = listConversationSummaries(ownerId, { limit: SIDEBAR_FIRST_PAGE.conversations });
  const comparisons = listComparisonSummaries(ownerId, { limit: SIDEBAR_FIRST_PAGE.comparisons });
  return (
    <AppShell initialConversations={conversations} initialComparisons={comparisons}>
      <Chat key={conversation.id} catalog={catalog} conversation={conversation} />
    </AppShell>
  );
}
