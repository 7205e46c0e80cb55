import { getOwnerId } from "@/lib/auth/owner";
import { getBlindState, startBlind } from "@/lib/compare/blind-votes";
import { errorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

export async function GET(_req: Request, ctx: Ctx): Promise<Response> {
  try {
    return Response.json(await getBlindState(getOwnerId(), (await ctx.params).id));
  } catch (err) {
    return errorResponse(err);
  }
}

/** Blind mode on (no body): the columns get a shuffled order, kept until Reveal. */
export async function POST(_req: Request, ctx: Ctx): Promise<Response> {
  try {
    return Response.json(await startBlind(getOwnerId(), (await ctx.params).id));
  } catch (err) {
    return errorResponse(err);
  }
}
