import { getOwnerId } from "@/lib/auth/owner";
import { idSchema } from "@/lib/chat/request-schema";
import { defaultTurnAccess, stopTurn } from "@/lib/chat/turn-access";
import { AppError, errorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/**
 * Stop the answer streaming in a conversation, on whichever instance generates it: the provider call is
 * aborted and the partial answer stored as "stopped", then sent with its final metadata down the streams
 * still open. 200 with the stopped answers' ids; 404 when nothing streams there; 409 when the instance
 * generating it did not stop it in time.
 */
export async function POST(_req: Request, ctx: Ctx): Promise<Response> {
  try {
    const parsed = idSchema.safeParse((await ctx.params).id);
    if (!parsed.success) throw new AppError("not_found", "Conversation not found");
    const stopped = await stopTurn(getOwnerId(), parsed.data, await defaultTurnAccess());
    return Response.json({ stopped });
  } catch (err) {
    return errorResponse(err);
  }
}
