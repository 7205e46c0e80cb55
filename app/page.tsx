import { Chat } from "@/components/chat/chat";
import { AppShell, NewChatBoundary } from "@/components/sidebar/app-shell";
import { getCatalog } from "@/lib/ai/catalog";
import { getOwnerId } from "@/lib/auth/owner";
import { listConversationSummaries } from "@/lib/chat/conversations";
import { listComparisonSummaries } from "@/lib/compare/comparisons";

export const dynamic = "force-dynamic";

export default async function NewChatPage() {
  const catalog = await getCatalog();
  const ownerId = getOwnerId();
  const conversations = listConversationSummaries(ownerId);
  const comparisons = listComparisonSummaries(ownerId);
  return (
    <AppShell initialConversations={conversations} initialComparisons={comparisons}>
      <NewChatBoundary>
        <Chat catalog={catalog} />
      </NewChatBoundary>
    </AppShell>
  );
}
