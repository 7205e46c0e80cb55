import { z } from "zod";
import { idSchema } from "@/lib/chat/request-schema";
import { generationParamsSchema } from "@/lib/params";

const MAX_PRESET_NAME = 80;

const presetNameSchema = z
  .string()
  .trim()
  .min(1, "Preset name cannot be empty")
  .max(MAX_PRESET_NAME, `Preset name is at most ${MAX_PRESET_NAME} characters`);

/** POST /api/presets: a name and the parameters (system prompt included), checked by THE params schema. */
export const createPresetSchema = z
  .object({ id: idSchema.optional(), name: presetNameSchema, params: generationParamsSchema })
  .strict();

/** PATCH /api/presets/:id: rename, replace the parameters, or both. */
export const updatePresetSchema = z
  .object({ name: presetNameSchema.optional(), params: z.optional(generationParamsSchema) })
  .strict()
  .refine((b) => b.name !== undefined || b.params !== undefined, {
    path: ["name"],
    message: "Give a new name or new params",
  });

export type CreatePreset = z.infer<typeof createPresetSchema>;
export type UpdatePreset = z.infer<typeof updatePresetSchema>;
