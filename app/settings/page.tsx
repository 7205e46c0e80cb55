import type { Metadata } from "next";
import { ProviderSettingsView } from "@/components/settings/provider-settings-view";
import { AppShell } from "@/components/sidebar/app-shell";
import { getOwnerId } from "@/lib/auth/owner";
import { listConversationSummaries } from "@/lib/chat/conversations";
import { listComparisonSummaries } from "@/lib/compare/comparisons";
import { SIDEBAR_FIRST_PAGE } from "@/lib/list-page";
import { listProviderSettings } from "@/lib/settings/providers";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Settings · Speciale Playground" };

export default async function SettingsPage() {
  const ownerId = getOwnerId();
  const conversations = await listConversationSummaries(ownerId, { limit: SIDEBAR_FIRST_PAGE.conversations });
  const comparisons = await listComparisonSummaries(ownerId, { limit: SIDEBAR_FIRST_PAGE.comparisons });
  // Statuses come from each provider's /models (cached briefly); a slow host holds the page at most 4 s.
  const providers = await listProviderSettings();
  return (
    <AppShell initialConversations={conversations} initialComparisons={comparisons}>
      <ProviderSettingsView initial={providers} />
    </AppShell>
  );
}
