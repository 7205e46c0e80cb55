import { getOwnerId } from "@/lib/auth/owner";
import { castVote } from "@/lib/compare/blind-votes";
import { blindVoteSchema } from "@/lib/compare/request-schema";
import { errorResponse, parseJsonBody } from "@/lib/errors";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

export async function PUT(req: Request, ctx: Ctx): Promise<Response> {
  try {
    const body = await parseJsonBody(req, blindVoteSchema);
    return Response.json(await castVote(getOwnerId(), (await ctx.params).id, body));
  } catch (err) {
    return errorResponse(err);
  }
}
