import { getOwnerId } from "@/lib/auth/owner";
import { chatRequestSchema } from "@/lib/chat/request-schema";
import { runChat } from "@/lib/chat/run-chat";
import { errorResponse, parseJsonBody } from "@/lib/errors";

export const dynamic = "force-dynamic";

export async function POST(req: Request): Promise<Response> {
  try {
    const body = await parseJsonBody(req, chatRequestSchema);
    return await runChat(getOwnerId(), body);
  } catch (err) {
    return errorResponse(err);
  }
}
