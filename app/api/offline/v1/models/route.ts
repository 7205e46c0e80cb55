import { getOfflineServer } from "@/lib/ai/offline";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return getOfflineServer().models();
}
