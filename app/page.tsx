import { Chat } from "@/components/chat/chat";
import { AppShell } from "@/components/sidebar/app-shell";
import { getCatalog } from "@/lib/ai/catalog";
import { getOwnerId } from "@/lib/auth/owner";
import { listConversationSummaries } from "@/lib/chat/conversations";

export const dynamic = "force-dynamic";

export default async function NewChatPage() {
  const catalog = await getCatalog();
  const conversations = listConversationSummaries(getOwnerId());
  return (
    <AppShell initialConversations={conversations}>
      {/* A fresh key per visit: "New chat" must start from a clean client state even when already on "/". */}
      <Chat key={crypto.randomUUID()} catalog={catalog} />
    </AppShell>
  );
}
