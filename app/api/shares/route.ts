import { getOwnerId } from "@/lib/auth/owner";
import { errorResponse } from "@/lib/errors";
import { requestOrigin } from "@/lib/http";
import { listShareLinks } from "@/lib/share/shares";

export const dynamic = "force-dynamic";

export function GET(req: Request): Response {
  try {
    return Response.json({ links: listShareLinks(getOwnerId(), requestOrigin(req)) });
  } catch (err) {
    return errorResponse(err);
  }
}
