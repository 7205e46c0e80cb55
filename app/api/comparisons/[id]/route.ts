import { z } from "zod";
import { getOwnerId } from "@/lib/auth/owner";
import { deleteComparison, getComparisonView, renameComparison } from "@/lib/compare/comparisons";
import { AppError, errorResponse, parseJsonBody } from "@/lib/errors";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

const patchSchema = z
  .object({ title: z.string().trim().min(1, "Title cannot be empty").max(200, "Title is too long") })
  .strict();

export async function GET(_req: Request, ctx: Ctx): Promise<Response> {
  try {
    const view = await getComparisonView(getOwnerId(), (await ctx.params).id);
    if (!view) throw new AppError("not_found", "Comparison not found");
    return Response.json(view);
  } catch (err) {
    return errorResponse(err);
  }
}

export async function PATCH(req: Request, ctx: Ctx): Promise<Response> {
  try {
    const { title } = await parseJsonBody(req, patchSchema);
    const id = (await ctx.params).id;
    await renameComparison(getOwnerId(), id, title);
    return Response.json({ id, title });
  } catch (err) {
    return errorResponse(err);
  }
}

export async function DELETE(_req: Request, ctx: Ctx): Promise<Response> {
  try {
    await deleteComparison(getOwnerId(), (await ctx.params).id);
    return new Response(null, { status: 204 });
  } catch (err) {
    return errorResponse(err);
  }
}
