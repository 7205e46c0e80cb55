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

/** PUT /api/comparisons/:id/blind/votes: the better column for one user message, or null for a tie. */
export const blindVoteSchema = z
  .object({
    turn: z.number().int("turn must be a whole number").min(0).max(10_000),
    winnerColumnId: idSchema.nullable(),
  })
  .strict();

export type BlindVoteRequest = z.infer<typeof blindVoteSchema>;
