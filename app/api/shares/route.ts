import { getOwnerId } from "@/lib/auth/owner";
import { errorResponse } from "@/lib/errors";
import { requestOrigin } from "@/lib/http";
import { listShareLinks } from "@/lib/share/shares";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  try {
    return Response.json({ links: await listShareLinks(getOwnerId(), requestOrigin(req)) });
  } catch (err) {
    return errorResponse(err);
  }
}
