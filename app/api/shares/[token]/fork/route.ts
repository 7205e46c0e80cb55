import { getOwnerId } from "@/lib/auth/owner";
import { errorResponse } from "@/lib/errors";
import { forkShare } from "@/lib/transfer/transfer";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ token: string }> };

/** "Open a copy": the owner forks a shared snapshot into a new conversation (or comparison). */
export async function POST(_req: Request, ctx: Ctx): Promise<Response> {
  try {
    return Response.json(await forkShare(getOwnerId(), (await ctx.params).token), { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
