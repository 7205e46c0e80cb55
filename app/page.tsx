import { Chat } from "@/components/chat/chat";
import { AppShell, NewChatBoundary } from "@/components/sidebar/app-shell";
import { getCatalog } from "@/lib/ai/catalog";
import { getOwnerId } from "@/lib/auth/owner";
import { listConversationSummaries } from "@/lib/chat/conversations";

export const dynamic = "force-dynamic";

export default async function NewChatPage() {
  const catalog = await getCatalog();
  const conversations = listConversationSummaries(getOwnerId());
  return (
    <AppShell initialConversations={conversations}>
      <NewChatBoundary>
        <Chat catalog={catalog} />
      </NewChatBoundary>
    </AppShell>
  );
}
