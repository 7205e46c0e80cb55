import {
  type GenerationParams,
  type ModelLimits,
  normalizeParams,
  PARAM_LABELS,
  validateParams,
} from "@/lib/params";

export const NUMERIC_PARAM_KEYS = [
  "temperature",
  "topP",
  "maxTokens",
  "frequencyPenalty",
  "presencePenalty",
  "seed",
] as const;

export type NumericParamKey = (typeof NUMERIC_PARAM_KEYS)[number];
export type ParamField = NumericParamKey | "system" | "stop";

/** The panel's raw text per field: inputs hold what the user typed, parsing happens on read. */
export type ParamFormValues = Record<ParamField, string>;

export interface ParamFormState {
  /** normalized params, only meaningful when `valid` */
  params: GenerationParams;
  errors: Partial<Record<ParamField, string>>;
  valid: boolean;
}

/** One stop sequence per line; a literal `\n` stands for a newline inside a sequence. */
export function parseStopSequences(text: string): string[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line !== "")
    .map((line) => line.replaceAll("\\n", "\n"));
}

function formatStopSequences(stop: string[] | undefined): string {
  return (stop ?? []).map((s) => s.replaceAll("\n", "\\n")).join("\n");
}

export function toFormValues(p: GenerationParams): ParamFormValues {
  const num = (v: number | undefined) => (v === undefined ? "" : String(v));
  return {
    system: p.system ?? "",
    temperature: num(p.temperature),
    topP: num(p.topP),
    maxTokens: num(p.maxTokens),
    frequencyPenalty: num(p.frequencyPenalty),
    presencePenalty: num(p.presencePenalty),
    seed: num(p.seed),
    stop: formatStopSequences(p.stop),
  };
}

/**
 * Parse the panel against one model's limits. `badInput` lists number inputs whose text the browser
 * could not parse (it reports those as ""), so they are not mistaken for "unset".
 */
export function readParamForm(
  values: ParamFormValues,
  badInput: ReadonlySet<NumericParamKey>,
  limits: ModelLimits,
): ParamFormState {
  const errors: ParamFormState["errors"] = {};
  const raw: Record<string, unknown> = { system: values.system, stop: parseStopSequences(values.stop) };
  for (const key of NUMERIC_PARAM_KEYS) {
    const text = values[key].trim();
    if (badInput.has(key)) errors[key] = `${PARAM_LABELS[key]} must be a number`;
    else if (text === "") continue;
    else if (Number.isNaN(Number(text))) errors[key] = `${PARAM_LABELS[key]} must be a number`;
    else raw[key] = Number(text);
  }
  const checked = validateParams(normalizeParams(raw as GenerationParams), limits);
  if (!checked.ok) {
    for (const issue of checked.issues) {
      // "stop.1" → "stop": issues inside a list belong to the list's field.
      const field = issue.field.split(".")[0] as ParamField;
      errors[field] ??= issue.message;
    }
  }
  const valid = Object.keys(errors).length === 0 && checked.ok;
  return { params: checked.ok ? normalizeParams(checked.params) : {}, errors, valid };
}
