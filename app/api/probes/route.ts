import { getOwnerId } from "@/lib/auth/owner";
import { errorResponse, parseJsonBody, parseQuery } from "@/lib/errors";
import { getLatestProbe, probeProgress, runParamProbe } from "@/lib/probe/probe";
import { probeRequestSchema } from "@/lib/probe/request-schema";

export const dynamic = "force-dynamic";

/**
 * The latest effectiveness probe of a provider + model with its evidence ({probe: null} when never run), and
 * how far the one running now is ({running: null} when none).
 */
export async function GET(req: Request): Promise<Response> {
  try {
    const { providerId, modelId } = parseQuery(req, probeRequestSchema);
    const owner = getOwnerId();
    return Response.json(
      {
        probe: (await getLatestProbe(owner, providerId, modelId)) ?? null,
        running: probeProgress(owner, providerId, modelId) ?? null,
      },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (err) {
    return errorResponse(err);
  }
}

/** Run the probe (11 short requests), store it and answer with it; a probe already running is joined. */
export async function POST(req: Request): Promise<Response> {
  try {
    const body = await parseJsonBody(req, probeRequestSchema);
    return Response.json({ probe: await runParamProbe(getOwnerId(), body) }, { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
