import { getOwnerId } from "@/lib/auth/owner";
import { listConversationSummaries } from "@/lib/chat/conversations";
import { errorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    return Response.json({ conversations: listConversationSummaries(getOwnerId()) });
  } catch (err) {
    return errorResponse(err);
  }
}
