import "server-only";
import { getOwnerId } from "@/lib/auth/owner";
import { errorResponse, parseJsonBody } from "@/lib/errors";
import { requestOrigin } from "@/lib/http";
import { shareRequestSchema } from "./request-schema";
import { createShare, listShareLinks } from "./shares";

type Ctx = { params: Promise<{ id: string }> };

/** GET (the item's links) and POST (create a link) for …/conversations/:id/share and …/comparisons/:id/share. */
export function shareRoutes(kind: "conversation" | "comparison") {
  return {
    async GET(req: Request, ctx: Ctx): Promise<Response> {
      try {
        const id = (await ctx.params).id;
        return Response.json({ links: await listShareLinks(getOwnerId(), requestOrigin(req), { kind, id }) });
      } catch (err) {
        return errorResponse(err);
      }
    },
    async POST(req: Request, ctx: Ctx): Promise<Response> {
      try {
        const { expiresIn } = await parseJsonBody(req, shareRequestSchema, { allowEmpty: true });
        const id = (await ctx.params).id;
        return Response.json(
          await createShare(getOwnerId(), kind, id, expiresIn ?? "never", requestOrigin(req)),
          {
            status: 201,
          },
        );
      } catch (err) {
        return errorResponse(err);
      }
    },
  };
}
