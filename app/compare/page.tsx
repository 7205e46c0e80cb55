import { Compare } from "@/components/compare/compare";
import { AppShell, NewComparisonBoundary } from "@/components/sidebar/app-shell";
import { getCatalog } from "@/lib/ai/catalog";
import { getOwnerId } from "@/lib/auth/owner";
import { listConversationSummaries } from "@/lib/chat/conversations";
import { listComparisonSummaries } from "@/lib/compare/comparisons";

export const dynamic = "force-dynamic";

export default async function NewComparisonPage() {
  const ownerId = getOwnerId();
  const catalog = await getCatalog();
  return (
    <AppShell
      initialConversations={listConversationSummaries(ownerId)}
      initialComparisons={listComparisonSummaries(ownerId)}
    >
      <NewComparisonBoundary>
        <Compare catalog={catalog} />
      </NewComparisonBoundary>
    </AppShell>
  );
}
