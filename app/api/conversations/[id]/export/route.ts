import { getOwnerId } from "@/lib/auth/owner";
import { errorResponse, parseQuery } from "@/lib/errors";
import { attachment } from "@/lib/http";
import { exportQuerySchema } from "@/lib/share/request-schema";
import { conversationMarkdown, exportConversation } from "@/lib/transfer/transfer";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

export async function GET(req: Request, ctx: Ctx): Promise<Response> {
  try {
    const { format } = parseQuery(req, exportQuerySchema);
    const data = await exportConversation(getOwnerId(), (await ctx.params).id);
    const name = data.conversation.title;
    return format === "json"
      ? attachment(JSON.stringify(data, null, 2), `${name}.json`, "application/json")
      : attachment(conversationMarkdown(data), `${name}.md`, "text/markdown");
  } catch (err) {
    return errorResponse(err);
  }
}
