import { getOwnerId } from "@/lib/auth/owner";
import { errorResponse } from "@/lib/errors";
import { readUploadedFile } from "@/lib/http";
import { MAX_IMPORT_BYTES } from "@/lib/transfer/format";
import { importExport } from "@/lib/transfer/transfer";

export const dynamic = "force-dynamic";

/** Import an exported JSON file (the raw file as the body, or a multipart `file` field) as a new conversation or comparison. */
export async function POST(req: Request): Promise<Response> {
  try {
    const text = await readUploadedFile(req, MAX_IMPORT_BYTES);
    return Response.json(await importExport(getOwnerId(), text), { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
