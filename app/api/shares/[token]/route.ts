import { getOwnerId } from "@/lib/auth/owner";
import { errorResponse, parseJsonBody } from "@/lib/errors";
import { requestOrigin } from "@/lib/http";
import { shareRequestSchema } from "@/lib/share/request-schema";
import { revokeShareLink, updateShareLink } from "@/lib/share/shares";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ token: string }> };

/** Update the link to the current state of its conversation (same URL), optionally with a new expiry. */
export async function PATCH(req: Request, ctx: Ctx): Promise<Response> {
  try {
    const { expiresIn } = await parseJsonBody(req, shareRequestSchema, { allowEmpty: true });
    return Response.json(
      await updateShareLink(getOwnerId(), (await ctx.params).token, requestOrigin(req), expiresIn),
    );
  } catch (err) {
    return errorResponse(err);
  }
}

/** Revoke: the link answers 404 from now on. */
export async function DELETE(_req: Request, ctx: Ctx): Promise<Response> {
  try {
    await revokeShareLink(getOwnerId(), (await ctx.params).token);
    return new Response(null, { status: 204 });
  } catch (err) {
    return errorResponse(err);
  }
}
