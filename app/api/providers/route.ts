import { getCatalog } from "@/lib/ai/catalog";
import { errorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    return Response.json(await getCatalog());
  } catch (err) {
    return errorResponse(err);
  }
}
