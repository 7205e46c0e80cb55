/** Any /api path no route claims: a JSON 404 (Next would answer with its HTML not-found page). */
function notFound(req: Request): Response {
  return Response.json(
    { error: { code: "not_found", message: `No API route at ${new URL(req.url).pathname}` } },
    { status: 404 },
  );
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
