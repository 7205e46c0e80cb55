import { getOwnerId } from "@/lib/auth/owner";
import { errorResponse, parseQuery } from "@/lib/errors";
import { search, searchQuerySchema } from "@/lib/search/search";
import type { SearchResponse } from "@/lib/search/types";

export const dynamic = "force-dynamic";

/** Full-text search over the owner's chat titles, comparison titles, messages and reasoning. */
export async function GET(req: Request): Promise<Response> {
  try {
    const { q } = parseQuery(req, searchQuerySchema);
    const body: SearchResponse = { results: await search(getOwnerId(), q) };
    return Response.json(body);
  } catch (err) {
    return errorResponse(err);
  }
}
