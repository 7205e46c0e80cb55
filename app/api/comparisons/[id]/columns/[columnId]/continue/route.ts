import { getOwnerId } from "@/lib/auth/owner";
import { continueAsChat } from "@/lib/compare/comparisons";
import { errorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string; columnId: string }> };

/** "Continue as chat": copies the column into a new conversation and returns where it lives. */
export async function POST(_req: Request, ctx: Ctx): Promise<Response> {
  try {
    const { id, columnId } = await ctx.params;
    const { conversationId } = await continueAsChat(getOwnerId(), id, columnId);
    return Response.json({ conversationId, url: `/c/${conversationId}` }, { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
