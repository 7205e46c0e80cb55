import { z } from "zod";
import { providerIdSchema } from "@/lib/chat/request-schema";
import { generationParamsSchema } from "@/lib/params";

/** The lossless JSON export format, also the import schema. */
export const EXPORT_VERSION = 1;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
const MAX_MESSAGES = 5000;
/** the owner's saved parameter presets travel with an export (lib/presets/presets.ts) */
const MAX_PRESETS = 500;

const exportedPresetSchema = z
  .object({ name: z.string().trim().min(1).max(80), params: generationParamsSchema })
  .strict();

const num = z.number().finite().nonnegative();
const usageSchema = z
  .object({
    promptTokens: num.optional(),
    completionTokens: num.optional(),
    reasoningTokens: num.optional(),
    cachedTokens: num.optional(),
    totalTokens: num.optional(),
  })
  .strict();
const timingsSchema = z
  .object({
    firstReasoningMs: num.optional(),
    firstAnswerMs: num.optional(),
    totalMs: num.optional(),
    tokensPerSecond: num.optional(),
  })
  .strict();
const errorSchema = z
  .object({
    code: z.string().max(100),
    message: z.string().max(10_000),
    statusCode: z.number().int().optional(),
    retryable: z.boolean(),
  })
  .strict();

export const exportedMessageSchema = z
  .object({
    id: z.string().max(64).optional(),
    seq: z.number().int().optional(),
    role: z.enum(["user", "assistant"]),
    content: z.string().max(1_000_000),
    reasoning: z.string().max(2_000_000).nullish(),
    providerId: providerIdSchema.nullish(),
    modelId: z.string().max(200).nullish(),
    params: z.nullish(generationParamsSchema),
    paramsSent: z.record(z.string(), z.unknown()).nullish(),
    usage: usageSchema.nullish(),
    timings: timingsSchema.nullish(),
    finishReason: z.string().max(100).nullish(),
    status: z.enum(["streaming", "complete", "stopped", "error", "length"]).default("complete"),
    error: errorSchema.nullish(),
    createdAt: z.number().int().nonnegative(),
  })
  .strict();

/**
 * A message not on the shown branch: an earlier version of a regenerated answer or an edited prompt, or a
 * message of the branch that followed it. `parentId` is the id of the message it follows (in `messages` or
 * in `versions`), null for a first message.
 */
const exportedVersionSchema = exportedMessageSchema
  .extend({
    id: z.string().min(1).max(64),
    parentId: z.string().min(1).max(64).nullable(),
    /** the version chosen among its siblings below a hidden message (what is shown when it is selected) */
    selected: z.boolean().default(false),
  })
  .strict();

const settings = {
  providerId: providerIdSchema,
  modelId: z.string().min(1).max(200),
  params: generationParamsSchema,
};

export const exportedConversationSchema = z
  .object({
    format: z.literal("speciale-playground/conversation"),
    version: z.literal(EXPORT_VERSION),
    exportedAt: z.number().int(),
    presets: z.array(exportedPresetSchema).max(MAX_PRESETS).optional(),
    conversation: z
      .object({
        id: z.string().max(64).optional(),
        title: z.string().trim().min(1).max(200),
        ...settings,
        createdAt: z.number().int().nonnegative(),
        updatedAt: z.number().int().nonnegative(),
        messages: z.array(exportedMessageSchema).max(MAX_MESSAGES),
        versions: z.array(exportedVersionSchema).max(MAX_MESSAGES).optional(),
      })
      .strict(),
  })
  .strict();

const columnIdSchema = z.string().min(1).max(64);

/** A blind A/B vote (lib/compare/blind.ts): ids are the file's column and message ids. */
const exportedBlindVoteSchema = z
  .object({
    turn: z.number().int().nonnegative().max(MAX_MESSAGES),
    winnerColumnId: columnIdSchema.nullable(),
    candidates: z
      .array(z.object({ columnId: columnIdSchema, messageId: z.string().max(64), ...settings }).strict())
      .min(2)
      .max(6),
    revealedAt: z.number().int().nonnegative().nullable(),
    createdAt: z.number().int().nonnegative(),
    updatedAt: z.number().int().nonnegative(),
  })
  .strict();

/** Blind A/B: the shuffled column order while blind (null when not) and the votes. Optional: added later. */
const exportedBlindSchema = z
  .object({
    order: z.array(columnIdSchema).max(6).nullable(),
    votes: z.array(exportedBlindVoteSchema).max(MAX_MESSAGES),
  })
  .strict();

export const exportedComparisonSchema = z
  .object({
    format: z.literal("speciale-playground/comparison"),
    version: z.literal(EXPORT_VERSION),
    exportedAt: z.number().int(),
    presets: z.array(exportedPresetSchema).max(MAX_PRESETS).optional(),
    comparison: z
      .object({
        id: z.string().max(64).optional(),
        title: z.string().trim().min(1).max(200),
        createdAt: z.number().int().nonnegative(),
        updatedAt: z.number().int().nonnegative(),
        columns: z
          .array(
            z
              .object({
                id: z.string().max(64).optional(),
                ...settings,
                messages: z.array(exportedMessageSchema).max(MAX_MESSAGES),
                versions: z.array(exportedVersionSchema).max(MAX_MESSAGES).optional(),
              })
              .strict(),
          )
          .min(2)
          .max(6),
        blind: exportedBlindSchema.optional(),
      })
      .strict(),
  })
  .strict();

export const importSchema = z.discriminatedUnion("format", [
  exportedConversationSchema,
  exportedComparisonSchema,
]);

export type ExportedMessage = z.infer<typeof exportedMessageSchema>;
export type ExportedVersion = z.infer<typeof exportedVersionSchema>;
export type ExportedConversation = z.infer<typeof exportedConversationSchema>;
export type ExportedComparison = z.infer<typeof exportedComparisonSchema>;
export type ExportedBlind = z.infer<typeof exportedBlindSchema>;
