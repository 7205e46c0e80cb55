import { getOwnerId } from "@/lib/auth/owner";
import { listConversationSummaries } from "@/lib/chat/conversations";
import { errorResponse, parseQuery } from "@/lib/errors";
import { listPageQuerySchema } from "@/lib/list-page";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  try {
    return Response.json(await listConversationSummaries(getOwnerId(), parseQuery(req, listPageQuerySchema)));
  } catch (err) {
    return errorResponse(err);
  }
}
