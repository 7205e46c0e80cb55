import { shareRoutes } from "@/lib/share/share-routes";

export const dynamic = "force-dynamic";

export const { GET, POST } = shareRoutes("conversation");
