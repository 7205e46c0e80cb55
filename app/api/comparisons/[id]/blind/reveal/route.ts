import { getOwnerId } from "@/lib/auth/owner";
import { revealBlind } from "@/lib/compare/blind-votes";
import { errorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

export async function POST(_req: Request, ctx: Ctx): Promise<Response> {
  try {
    return Response.json(await revealBlind(getOwnerId(), (await ctx.params).id));
  } catch (err) {
    return errorResponse(err);
  }
}
