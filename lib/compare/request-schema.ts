import { z } from "zod";
import { idSchema, modelSettingsSchema } from "@/lib/chat/request-schema";
import { MAX_COLUMNS, MIN_COLUMNS } from "./types";

const columnSchema = modelSettingsSchema.extend({ id: idSchema.optional() }).strict();

/** POST /api/comparisons */
export const createComparisonSchema = z
  .object({
    id: idSchema.optional(),
    title: z.string().trim().min(1).max(200).optional(),
    columns: z
      .array(columnSchema)
      .min(MIN_COLUMNS, `A comparison has at least ${MIN_COLUMNS} columns`)
      .max(MAX_COLUMNS, `A comparison has at most ${MAX_COLUMNS} columns`),
  })
  .strict();

/** POST /api/comparisons/:id/columns and PATCH …/columns/:columnId */
export const columnSettingsSchema = columnSchema;

export type CreateComparisonRequest = z.infer<typeof createComparisonSchema>;
