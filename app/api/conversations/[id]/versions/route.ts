import { getOwnerId } from "@/lib/auth/owner";
import { selectVersion, selectVersionSchema } from "@/lib/chat/conversations";
import { errorResponse, parseJsonBody } from "@/lib/errors";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** Show another version of a message; answers with the branch shown from that message on. */
export async function POST(req: Request, ctx: Ctx): Promise<Response> {
  try {
    const body = await parseJsonBody(req, selectVersionSchema);
    const messages = await selectVersion(getOwnerId(), (await ctx.params).id, body);
    return Response.json({ messages });
  } catch (err) {
    return errorResponse(err);
  }
}
