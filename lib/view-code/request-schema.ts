import { z } from "zod";
import { idSchema, modelSettingsSchema } from "@/lib/chat/request-schema";

/** GET /api/view-code?messageId=…: the request that produced a stored answer. */
export const answerCodeQuerySchema = z.object({ messageId: idSchema }).strict();

/**
 * POST /api/view-code: the request the composer would send now — a new message (its text, or a placeholder
 * while the composer is empty) after the conversation's shown branch, with these settings.
 */
export const draftCodeSchema = modelSettingsSchema
  .extend({
    conversationId: idSchema,
    text: z.string().max(200_000, "Message is too long").optional(),
  })
  .strict();

export type DraftCodeRequest = z.infer<typeof draftCodeSchema>;
