import "server-only";
import { z } from "zod";
import { insertProbe, latestProbe, latestProbes } from "@/db/queries/param-probes";
import type { ParamProbeRow } from "@/db/schema";
import { toMessageError } from "@/lib/ai/provider-errors";
import { findProvider } from "@/lib/ai/provider-registry";
import { languageModel } from "@/lib/ai/providers";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { decideProbe } from "./decide";
import { PROBED_PARAMS, probePlan } from "./plan";
import { runProbeRequests } from "./run-requests";
import type { ProbeSummary, ProbeView } from "./types";

const CONCURRENCY = 2;
/** 64 tokens take seconds; a reasoning model may think a while before its first one. */
const REQUEST_TIMEOUT_MS = 60_000;

export interface ProbeDeps {
  createModel: typeof languageModel;
  timeoutMs: number;
  now: () => number;
}

const DEFAULT_DEPS: ProbeDeps = { createModel: languageModel, timeoutMs: REQUEST_TIMEOUT_MS, now: Date.now };

const verdictSchema = z.enum(["effect", "ignored", "inconclusive"]);
/** The results column as written by runParamProbe; a row that does not match is treated as no probe. */
const storedResultsSchema = z.object({
  samples: z.array(
    z.object({
      id: z.string(),
      sent: z.record(z.string(), z.unknown()),
      output: z.string(),
      error: z.string().optional(),
      finishReason: z.string().optional(),
      ms: z.number(),
    }),
  ),
  verdicts: z.array(
    z.object({
      param: z.enum(PROBED_PARAMS),
      verdict: verdictSchema,
      reason: z.string(),
      evidence: z.array(z.string()),
    }),
  ),
});

function toView(row: ParamProbeRow): ProbeView | undefined {
  const parsed = storedResultsSchema.safeParse(row.results);
  if (!parsed.success) return undefined;
  return {
    id: row.id,
    providerId: row.providerId,
    modelId: row.modelId,
    createdAt: row.createdAt,
    ...(parsed.data as Pick<ProbeView, "samples" | "verdicts">),
  };
}

export async function getLatestProbe(
  ownerId: string,
  providerId: string,
  modelId: string,
): Promise<ProbeView | undefined> {
  const row = await latestProbe(getDb(), ownerId, providerId, modelId);
  return row && toView(row);
}

const summaryVerdictsSchema = z.array(z.object({ param: z.enum(PROBED_PARAMS), verdict: verdictSchema }));

/** "providerId\nmodelId" → the latest verdicts, for the catalog. */
export async function latestProbeSummaries(ownerId: string): Promise<Map<string, ProbeSummary>> {
  const out = new Map<string, ProbeSummary>();
  for (const row of await latestProbes(getDb(), ownerId)) {
    const verdicts = summaryVerdictsSchema.safeParse(row.verdicts);
    if (verdicts.success) {
      out.set(probeKey(row.providerId, row.modelId), { createdAt: row.createdAt, verdicts: verdicts.data });
    }
  }
  return out;
}

export const probeKey = (providerId: string, modelId: string) => `${providerId}\n${modelId}`;

/** How far a running probe is: requests ended out of those planned. */
export interface ProbeProgress {
  done: number;
  total: number;
}

// A probe asked for while the same one runs joins it: one set of requests, one stored result.
const running = new Map<string, { result: Promise<ProbeView>; progress: ProbeProgress }>();

const runKey = (ownerId: string, providerId: string, modelId: string) =>
  `${ownerId}\n${probeKey(providerId, modelId)}`;

/** The progress of the probe running for this provider + model, if one is running in this process. */
export function probeProgress(
  ownerId: string,
  providerId: string,
  modelId: string,
): ProbeProgress | undefined {
  const run = running.get(runKey(ownerId, providerId, modelId));
  return run && { ...run.progress };
}

/**
 * Run the probe for a provider + model, store its result, and return it. A second call for the same owner,
 * provider and model while one runs gets the running one's result.
 */
export function runParamProbe(
  ownerId: string,
  sel: { providerId: string; modelId: string },
  over: Partial<ProbeDeps> = {},
): Promise<ProbeView> {
  const provider = findProvider(sel.providerId);
  if (!provider?.configured) {
    throw new AppError("invalid_request", `Provider ${sel.providerId} is not configured`, [
      { field: "providerId", message: "Provider is not configured" },
    ]);
  }
  const key = runKey(ownerId, sel.providerId, sel.modelId);
  const joined = running.get(key);
  if (joined) return joined.result;
  const deps = { ...DEFAULT_DEPS, ...over };
  const plan = probePlan(provider.limits(sel.modelId));
  const progress: ProbeProgress = { done: 0, total: plan.length };
  const run = (async () => {
    const model = deps.createModel(provider.id, sel.modelId);
    const samples = await runProbeRequests(model, plan, {
      concurrency: CONCURRENCY,
      timeoutMs: deps.timeoutMs,
      describeError: (err) => toMessageError(err, provider.name, [provider.apiKey]).message,
      onSample: () => {
        progress.done++;
      },
    });
    const verdicts = decideProbe(samples);
    const row = await insertProbe(getDb(), ownerId, {
      id: crypto.randomUUID(),
      providerId: provider.id,
      modelId: sel.modelId,
      results: { samples, verdicts },
      createdAt: deps.now(),
    });
    return {
      id: row.id,
      providerId: row.providerId,
      modelId: row.modelId,
      createdAt: row.createdAt,
      samples,
      verdicts,
    };
  })().finally(() => running.delete(key));
  running.set(key, { result: run, progress });
  return run;
}
