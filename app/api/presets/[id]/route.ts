import { getOwnerId } from "@/lib/auth/owner";
import { errorResponse, parseJsonBody } from "@/lib/errors";
import { deletePreset, updatePreset } from "@/lib/presets/presets";
import { updatePresetSchema } from "@/lib/presets/request-schema";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

export async function PATCH(req: Request, ctx: Ctx): Promise<Response> {
  try {
    const { id } = await ctx.params;
    const body = await parseJsonBody(req, updatePresetSchema);
    return Response.json(await updatePreset(getOwnerId(), id, body));
  } catch (err) {
    return errorResponse(err);
  }
}

export async function DELETE(_req: Request, ctx: Ctx): Promise<Response> {
  try {
    const { id } = await ctx.params;
    await deletePreset(getOwnerId(), id);
    return new Response(null, { status: 204 });
  } catch (err) {
    return errorResponse(err);
  }
}
