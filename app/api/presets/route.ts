import { getOwnerId } from "@/lib/auth/owner";
import { errorResponse, parseJsonBody } from "@/lib/errors";
import { createPreset, listSavedPresets } from "@/lib/presets/presets";
import { createPresetSchema } from "@/lib/presets/request-schema";

export const dynamic = "force-dynamic";

/** The owner's saved presets (the built-ins live in code: lib/presets/built-in.ts). */
export async function GET(): Promise<Response> {
  try {
    return Response.json({ presets: await listSavedPresets(getOwnerId()) });
  } catch (err) {
    return errorResponse(err);
  }
}

export async function POST(req: Request): Promise<Response> {
  try {
    const body = await parseJsonBody(req, createPresetSchema);
    return Response.json(await createPreset(getOwnerId(), body), { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
