import { getOwnerId } from "@/lib/auth/owner";
import { blindResults } from "@/lib/compare/blind-votes";
import { errorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    return Response.json(await blindResults(getOwnerId()));
  } catch (err) {
    return errorResponse(err);
  }
}
