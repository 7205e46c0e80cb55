import { getOwnerId } from "@/lib/auth/owner";
import { activeTurns } from "@/lib/chat/active-turns";
import { idSchema } from "@/lib/chat/request-schema";
import { turnResponse } from "@/lib/chat/run-chat";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/**
 * Reattach to the answer streaming in a conversation (the AI SDK's resume): the whole stream from its first
 * chunk, then live until it ends. 204 when nothing streams there in this process (it has finished: the
 * stored conversation is complete).
 */
export async function GET(_req: Request, ctx: Ctx): Promise<Response> {
  const id = idSchema.safeParse((await ctx.params).id);
  const turn = id.success ? activeTurns().find(getOwnerId(), id.data) : undefined;
  if (!turn?.stream) return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
  return turnResponse(turn.stream);
}
