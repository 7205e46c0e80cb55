import { Compare } from "@/components/compare/compare";
import { AppShell, NewComparisonBoundary } from "@/components/sidebar/app-shell";
import { getCatalog } from "@/lib/ai/catalog";
import { getOwnerId } from "@/lib/auth/owner";
import { listConversationSummaries } from "@/lib/chat/conversations";
import { listComparisonSummaries } from "@/lib/compare/comparisons";
import { SIDEBAR_FIRST_PAGE } from "@/lib/list-page";

export const dynamic = "force-dynamic";

export default async function NewComparisonPage() {
  const ownerId = getOwnerId();
  const catalog = await getCatalog();
  return (
    <AppShell
      initialConversations={
        await listConversationSummaries(ownerId, { limit: SIDEBAR_FIRST_PAGE.conversations })
      }
      initialComparisons={await listComparisonSummaries(ownerId, { limit: SIDEBAR_FIRST_PAGE.comparisons })}
    >
      <NewComparisonBoundary>
        <Compare catalog={catalog} />
      </NewComparisonBoundary>
    </AppShell>
  );
}
