import { getOwnerId } from "@/lib/auth/owner";
import { AppError, errorResponse } from "@/lib/errors";
import { MAX_IMPORT_BYTES } from "@/lib/transfer/format";
import { importExport } from "@/lib/transfer/transfer";

export const dynamic = "force-dynamic";

/** Import an exported JSON file (the raw file as the body) as a new conversation or comparison. */
export async function POST(req: Request): Promise<Response> {
  try {
    const declared = Number(req.headers.get("content-length") ?? 0);
    if (declared > MAX_IMPORT_BYTES) {
      throw new AppError("invalid_request", `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`, [
        { field: "file", message: "Too large" },
      ]);
    }
    return Response.json(importExport(getOwnerId(), await req.text()), { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
