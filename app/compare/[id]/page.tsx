import { notFound } from "next/navigation";
import { Compare } from "@/components/compare/compare";
import { AppShell } from "@/components/sidebar/app-shell";
import { getCatalog } from "@/lib/ai/catalog";
import { getOwnerId } from "@/lib/auth/owner";
import { listConversationSummaries } from "@/lib/chat/conversations";
import { getComparisonView, listComparisonSummaries } from "@/lib/compare/comparisons";
import { SIDEBAR_FIRST_PAGE } from "@/lib/list-page";

export const dynamic = "force-dynamic";

export default async function ComparisonPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ownerId = getOwnerId();
  const comparison = await getComparisonView(ownerId, id);
  if (!comparison) notFound();
  const catalog = await getCatalog();
  return (
    <AppShell
      initialConversations={
        await listConversationSummaries(ownerId, { limit: SIDEBAR_FIRST_PAGE.conversations })
      }
      initialComparisons={await listComparisonSummaries(ownerId, { limit: SIDEBAR_FIRST_PAGE.comparisons })}
    >
      <Compare key={comparison.id} catalog={catalog} comparison={comparison} />
    </AppShell>
  );
}
