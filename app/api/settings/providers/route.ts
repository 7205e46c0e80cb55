import { errorResponse, parseJsonBody } from "@/lib/errors";
import { createProviderSchema } from "@/lib/settings/provider-input";
import { createCustomProvider, listProviderSettings } from "@/lib/settings/providers";

export const dynamic = "force-dynamic";

/** Every provider with its status (GET {base}/models, briefly cached). Keys never: at most "•••• abcd". */
export async function GET(): Promise<Response> {
  try {
    return Response.json({ providers: await listProviderSettings() });
  } catch (err) {
    return errorResponse(err);
  }
}

/** Add a custom OpenAI-compatible provider; 201 with its status, checked at once. */
export async function POST(req: Request): Promise<Response> {
  try {
    const input = await parseJsonBody(req, createProviderSchema);
    return Response.json(await createCustomProvider(input), { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
