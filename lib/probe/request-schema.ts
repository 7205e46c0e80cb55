import { z } from "zod";
import { providerIdSchema } from "@/lib/chat/request-schema";

/** POST /api/probes {providerId, modelId}, and GET /api/probes?providerId=&modelId= */
export const probeRequestSchema = z
  .object({ providerId: providerIdSchema, modelId: z.string().min(1).max(200) })
  .strict();
