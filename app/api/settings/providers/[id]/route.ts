import { errorResponse, parseJsonBody } from "@/lib/errors";
import { patchProviderSchema } from "@/lib/settings/provider-input";
import { removeProvider, updateProvider } from "@/lib/settings/providers";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** A preset's key (set, replace, or null to remove), or any field of a custom provider. */
export async function PATCH(req: Request, ctx: Ctx): Promise<Response> {
  try {
    const patch = await parseJsonBody(req, patchProviderSchema);
    return Response.json(await updateProvider((await ctx.params).id, patch));
  } catch (err) {
    return errorResponse(err);
  }
}

/** A custom provider, or the key saved here for a preset. */
export async function DELETE(_req: Request, ctx: Ctx): Promise<Response> {
  try {
    await removeProvider((await ctx.params).id);
    return new Response(null, { status: 204 });
  } catch (err) {
    return errorResponse(err);
  }
}
