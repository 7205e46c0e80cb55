import { getOwnerId } from "@/lib/auth/owner";
import { errorResponse, parseJsonBody } from "@/lib/errors";
import { requestOrigin } from "@/lib/http";
import { shareRequestSchema } from "@/lib/share/request-schema";
import { createShare, listShareLinks } from "@/lib/share/shares";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

export async function GET(req: Request, ctx: Ctx): Promise<Response> {
  try {
    const id = (await ctx.params).id;
    return Response.json({
      links: listShareLinks(getOwnerId(), requestOrigin(req), { kind: "conversation", id }),
    });
  } catch (err) {
    return errorResponse(err);
  }
}

export async function POST(req: Request, ctx: Ctx): Promise<Response> {
  try {
    const { expiresIn } = await parseJsonBody(req, shareRequestSchema, { allowEmpty: true });
    const link = createShare(
      getOwnerId(),
      "conversation",
      (await ctx.params).id,
      expiresIn ?? "never",
      requestOrigin(req),
    );
    return Response.json(link, { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
