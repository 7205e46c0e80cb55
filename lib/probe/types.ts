import type { ParamVerdict, ProbeSample, Verdict } from "./decide";
import type { ProbedParam } from "./plan";

/** A stored probe with its evidence: GET/POST /api/probes. */
export interface ProbeView {
  id: string;
  providerId: string;
  modelId: string;
  createdAt: number;
  samples: ProbeSample[];
  verdicts: ParamVerdict[];
}

/** What the catalog carries per tested model: the verdicts and their date, without the evidence. */
export interface ProbeSummary {
  createdAt: number;
  verdicts: { param: ProbedParam; verdict: Verdict }[];
}
