import { getOwnerId } from "@/lib/auth/owner";
import { createComparison, listComparisonSummaries } from "@/lib/compare/comparisons";
import { createComparisonSchema } from "@/lib/compare/request-schema";
import { errorResponse, parseJsonBody, parseQuery } from "@/lib/errors";
import { listPageQuerySchema } from "@/lib/list-page";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  try {
    return Response.json(await listComparisonSummaries(getOwnerId(), parseQuery(req, listPageQuerySchema)));
  } catch (err) {
    return errorResponse(err);
  }
}

export async function POST(req: Request): Promise<Response> {
  try {
    const body = await parseJsonBody(req, createComparisonSchema);
    return Response.json(await createComparison(getOwnerId(), body), { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
