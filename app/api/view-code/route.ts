import { getOwnerId } from "@/lib/auth/owner";
import { errorResponse, parseJsonBody, parseQuery } from "@/lib/errors";
import { requestOrigin } from "@/lib/http";
import { answerCodeQuerySchema, draftCodeSchema } from "@/lib/view-code/request-schema";
import { answerCode, draftCode } from "@/lib/view-code/view-code";

export const dynamic = "force-dynamic";

/** The request behind a stored answer, as curl, Python and TypeScript. */
export async function GET(req: Request): Promise<Response> {
  try {
    const { messageId } = parseQuery(req, answerCodeQuerySchema);
    return Response.json(await answerCode(getOwnerId(), messageId, requestOrigin(req)), {
      headers: { "cache-control": "no-store" },
    });
  } catch (err) {
    return errorResponse(err);
  }
}

/** The request the composer would send with these settings. */
export async function POST(req: Request): Promise<Response> {
  try {
    const body = await parseJsonBody(req, draftCodeSchema);
    return Response.json(await draftCode(getOwnerId(), body, requestOrigin(req)), {
      headers: { "cache-control": "no-store" },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
