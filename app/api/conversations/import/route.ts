import { getOwnerId } from "@/lib/auth/owner";
import { errorResponse, readBodyText } from "@/lib/errors";
import { MAX_IMPORT_BYTES } from "@/lib/transfer/format";
import { importExport } from "@/lib/transfer/transfer";

export const dynamic = "force-dynamic";

/** Import an exported JSON file (the raw file as the body) as a new conversation or comparison. */
export async function POST(req: Request): Promise<Response> {
  try {
    const text = await readBodyText(req, MAX_IMPORT_BYTES, "file");
    return Response.json(importExport(getOwnerId(), text), { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
