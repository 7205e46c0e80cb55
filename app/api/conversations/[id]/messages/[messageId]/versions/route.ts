import { getOwnerId } from "@/lib/auth/owner";
import { getMessageVersions } from "@/lib/chat/conversations";
import { errorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string; messageId: string }> };

/**
 * `{ versions }`: every version of a message (itself included), oldest first, each with its text, usage,
 * timings and finish reason — the samples of an answer that the comparison's statistics read. 404 for a
 * conversation or message that is not the caller's.
 */
export async function GET(_req: Request, ctx: Ctx): Promise<Response> {
  try {
    const { id, messageId } = await ctx.params;
    return Response.json({ versions: await getMessageVersions(getOwnerId(), id, messageId) });
  } catch (err) {
    return errorResponse(err);
  }
}
