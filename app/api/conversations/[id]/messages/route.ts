import { getOwnerId } from "@/lib/auth/owner";
import { earlierQuerySchema, getEarlierMessages } from "@/lib/chat/conversations";
import { AppError, errorResponse, parseQuery } from "@/lib/errors";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/**
 * Earlier messages of a long conversation, a page at a time, as its page is scrolled up; without `before`,
 * the latest ones (another tab catching up with a turn started elsewhere).
 */
export async function GET(req: Request, ctx: Ctx): Promise<Response> {
  try {
    const query = parseQuery(req, earlierQuerySchema);
    const page = await getEarlierMessages(getOwnerId(), (await ctx.params).id, query);
    if (!page) throw new AppError("not_found", "Conversation not found");
    return Response.json(page);
  } catch (err) {
    return errorResponse(err);
  }
}
