import { getOfflineServer } from "@/lib/ai/offline";

export const dynamic = "force-dynamic";

export async function POST(req: Request): Promise<Response> {
  return getOfflineServer().chatCompletions(req);
}
