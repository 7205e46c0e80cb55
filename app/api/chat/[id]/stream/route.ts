import { getOwnerId } from "@/lib/auth/owner";
import { idSchema } from "@/lib/chat/request-schema";
import { defaultTurnAccess, resumeTurn } from "@/lib/chat/turn-access";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/**
 * Reattach to the answer streaming in a conversation (the AI SDK's resume): the whole stream from its first
 * chunk, then live until it ends — from this process, or relayed from the instance generating it
 * (REDIS_URL). 204 when nothing streams there (it has finished: the stored conversation is complete).
 */
export async function GET(_req: Request, ctx: Ctx): Promise<Response> {
  const id = idSchema.safeParse((await ctx.params).id);
  const resumed = id.success ? await resumeTurn(getOwnerId(), id.data, await defaultTurnAccess()) : undefined;
  return resumed ?? new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
}
