import { pingDatabase } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    await pingDatabase();
    return Response.json({ status: "ok" });
  } catch (err) {
    console.error("health check failed", err);
    return Response.json({ status: "error", message: "Database is not answering" }, { status: 503 });
  }
}
