import { getOwnerId } from "@/lib/auth/owner";
import { deleteVersion } from "@/lib/chat/conversations";
import { errorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string; messageId: string }> };

/**
 * Delete one version of a message (regenerated answer, edited prompt) with what followed it; answers
 * `{ messages }`, the branch shown from that message's place on. A message's only version is refused (400).
 */
export async function DELETE(_req: Request, ctx: Ctx): Promise<Response> {
  try {
    const { id, messageId } = await ctx.params;
    return Response.json({ messages: await deleteVersion(getOwnerId(), id, messageId) });
  } catch (err) {
    return errorResponse(err);
  }
}
