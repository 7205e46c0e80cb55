import { z } from "zod";

export const shareExpirySchema = z.enum(["never", "1d", "7d", "30d"]);

/** POST …/share and PATCH /api/shares/:token (the latter always refreshes the snapshot). */
export const shareRequestSchema = z.object({ expiresIn: shareExpirySchema.optional() }).strict();

export const exportQuerySchema = z.object({ format: z.enum(["md", "json"]) });
