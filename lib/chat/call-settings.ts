import type { streamText } from "ai";
import type { GenerationParams } from "@/lib/params";

/** The part of a streamText call that our generation parameters control. */
export type CallSettings = Partial<
  Pick<
    Parameters<typeof streamText>[0],
    | "instructions"
    | "temperature"
    | "topP"
    | "maxOutputTokens"
    | "frequencyPenalty"
    | "presencePenalty"
    | "stopSequences"
    | "seed"
  >
>;

/** One mapper per parameter: adding a key to GenerationParams fails to compile until it is mapped here. */
export type CallSettingsMapping = {
  [K in keyof Required<GenerationParams>]: (value: NonNullable<GenerationParams[K]>) => CallSettings;
};

const MAPPING: CallSettingsMapping = {
  system: (instructions) => ({ instructions }),
  temperature: (temperature) => ({ temperature }),
  topP: (topP) => ({ topP }),
  maxTokens: (maxOutputTokens) => ({ maxOutputTokens }),
  frequencyPenalty: (frequencyPenalty) => ({ frequencyPenalty }),
  presencePenalty: (presencePenalty) => ({ presencePenalty }),
  stop: (stopSequences) => ({ stopSequences }),
  seed: (seed) => ({ seed }),
};

/** The streamText settings for a parameter set; an unset parameter is absent, so it is not sent. */
export function toCallSettings(params: GenerationParams): CallSettings {
  const out: CallSettings = {};
  for (const key of Object.keys(MAPPING) as (keyof GenerationParams)[]) {
    const value = params[key];
    if (value === undefined) continue;
    Object.assign(out, (MAPPING[key] as (v: unknown) => CallSettings)(value));
  }
  return out;
}
