import { errorResponse } from "@/lib/errors";
import { checkProvider } from "@/lib/settings/providers";

export const dynamic = "force-dynamic";

/** "Check again": GET {base}/models now, past the cache; the catalog gets the fresh list too. */
export async function POST(_req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    return Response.json(await checkProvider((await ctx.params).id));
  } catch (err) {
    return errorResponse(err);
  }
}
