import { z } from "zod";
import { getOwnerId } from "@/lib/auth/owner";
import { deleteConversation, getConversationView, renameConversation } from "@/lib/chat/conversations";
import { AppError, errorResponse, parseJsonBody } from "@/lib/errors";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

const patchSchema = z
  .object({ title: z.string().trim().min(1, "Title cannot be empty").max(200, "Title is too long") })
  .strict();

const notFound = () => new AppError("not_found", "Conversation not found");

export async function GET(_req: Request, ctx: Ctx): Promise<Response> {
  try {
    const view = await getConversationView(getOwnerId(), (await ctx.params).id);
    if (!view) throw notFound();
    return Response.json(view);
  } catch (err) {
    return errorResponse(err);
  }
}

export async function PATCH(req: Request, ctx: Ctx): Promise<Response> {
  try {
    const { title } = await parseJsonBody(req, patchSchema);
    const id = (await ctx.params).id;
    if (!(await renameConversation(getOwnerId(), id, title))) throw notFound();
    return Response.json({ id, title });
  } catch (err) {
    return errorResponse(err);
  }
}

export async function DELETE(_req: Request, ctx: Ctx): Promise<Response> {
  try {
    if (!(await deleteConversation(getOwnerId(), (await ctx.params).id))) throw notFound();
    return new Response(null, { status: 204 });
  } catch (err) {
    return errorResponse(err);
  }
}
