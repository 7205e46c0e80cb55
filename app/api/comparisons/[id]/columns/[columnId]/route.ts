import { getOwnerId } from "@/lib/auth/owner";
import { removeColumn, updateColumn } from "@/lib/compare/comparisons";
import { columnSettingsSchema } from "@/lib/compare/request-schema";
import { errorResponse, parseJsonBody } from "@/lib/errors";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string; columnId: string }> };

export async function PATCH(req: Request, ctx: Ctx): Promise<Response> {
  try {
    const body = await parseJsonBody(req, columnSettingsSchema);
    const { id, columnId } = await ctx.params;
    await updateColumn(getOwnerId(), id, columnId, body);
    return new Response(null, { status: 204 });
  } catch (err) {
    return errorResponse(err);
  }
}

export async function DELETE(_req: Request, ctx: Ctx): Promise<Response> {
  try {
    const { id, columnId } = await ctx.params;
    await removeColumn(getOwnerId(), id, columnId);
    return new Response(null, { status: 204 });
  } catch (err) {
    return errorResponse(err);
  }
}
