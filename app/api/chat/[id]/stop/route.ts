import { getOwnerId } from "@/lib/auth/owner";
import { activeTurns } from "@/lib/chat/active-turns";
import { idSchema } from "@/lib/chat/request-schema";
import { AppError, errorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/**
 * Stop the answer streaming in a conversation: the provider call is aborted and the partial answer stored
 * as "stopped", then sent with its final metadata down the stream that is still open. 404 when nothing is
 * streaming there (finished already, or streamed by another process).
 */
export async function POST(_req: Request, ctx: Ctx): Promise<Response> {
  try {
    const parsed = idSchema.safeParse((await ctx.params).id);
    if (!parsed.success) throw new AppError("not_found", "Conversation not found");
    const stopped = activeTurns().stop(getOwnerId(), parsed.data);
    if (stopped.length === 0) throw new AppError("not_found", "No answer is streaming in this conversation");
    return Response.json({ stopped });
  } catch (err) {
    return errorResponse(err);
  }
}
