import { getOwnerId } from "@/lib/auth/owner";
import { addColumn } from "@/lib/compare/comparisons";
import { columnSettingsSchema } from "@/lib/compare/request-schema";
import { errorResponse, parseJsonBody } from "@/lib/errors";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

export async function POST(req: Request, ctx: Ctx): Promise<Response> {
  try {
    const body = await parseJsonBody(req, columnSettingsSchema);
    return Response.json(await addColumn(getOwnerId(), (await ctx.params).id, body), { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
