import { Chat } from "@/components/chat/chat";
import { AppShell, NewChatBoundary } from "@/components/sidebar/app-shell";
import { getCatalog } from "@/lib/ai/catalog";
import { getOwnerId } from "@/lib/auth/owner";
import { listConversationSummaries } from "@/lib/chat/conversations";
import { listComparisonSummaries } from "@/lib/compare/comparisons";
import { SIDEBAR_FIRST_PAGE } from "@/lib/list-page";

export const dynamic = "force-dynamic";

export default async function NewChatPage() {
  const catalog = await getCatalog();
  const ownerId = getOwnerId();
  const conversations = await listConversationSummaries(ownerId, { limit: SIDEBAR_FIRST_PAGE.conversations });
  const comparisons = await listComparisonSummaries(ownerId, { limit: SIDEBAR_FIRST_PAGE.comparisons });
  return (
    <AppShell initialConversations={conversations} initialComparisons={comparisons}>
      <NewChatBoundary>
        <Chat catalog={catalog} />
      </NewChatBoundary>
    </AppShell>
  );
}
