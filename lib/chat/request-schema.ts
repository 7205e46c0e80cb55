import { z } from "zod";
import type { ProviderId } from "@/lib/ai/models";
import { generationParamsSchema } from "@/lib/params";

export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "must be URL-safe letters, digits, '-' or '_'");

export const PRESET_IDS = ["aimlapi", "atlascloud", "deepseek", "custom", "offline"] as const;

/** `p-` and URL-safe characters: the id of a provider added in /settings (lib/settings/providers.ts makes them). */
export const CUSTOM_PROVIDER_ID = /^p-[A-Za-z0-9_-]{1,40}$/;

/**
 * A preset's id or a custom provider's. Only the form is checked here: whether it is configured is the
 * catalog's to say (checkModelSettings), since custom providers come and go without a restart.
 */
export const providerIdSchema = z
  .string()
  .refine(
    (id) => (PRESET_IDS as readonly string[]).includes(id) || CUSTOM_PROVIDER_ID.test(id),
    "must be a preset id or the id of a provider added in Settings",
  )
  .transform((id) => id as ProviderId);

/** Model choice + parameters: the settings of a chat or of one comparison column. */
export const modelSettingsSchema = z.object({
  providerId: providerIdSchema,
  modelId: z.string().min(1).max(200),
  params: generationParamsSchema,
});

export type ModelSettings = z.infer<typeof modelSettingsSchema>;

/**
 * Body of POST /api/chat. The client sends only the new message (or a regenerate request) plus the
 * conversation id, model and parameters; the server owns and loads the history.
 * - trigger "submit": append `message`; if `message.id` is an existing user message, it is an edit and
 *   that message and everything after it are replaced.
 * - trigger "regenerate": drop trailing assistant messages and answer the last user message again.
 */
export const chatRequestSchema = modelSettingsSchema
  .extend({
    conversationId: idSchema,
    trigger: z.enum(["submit", "regenerate"]),
    message: z
      .object({
        id: idSchema,
        text: z.string().trim().min(1, "Message cannot be empty").max(200_000, "Message is too long"),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((b) => b.trigger !== "submit" || b.message !== undefined, {
    path: ["message"],
    message: "message is required when trigger is submit",
  });

export type ChatRequest = z.infer<typeof chatRequestSchema>;
