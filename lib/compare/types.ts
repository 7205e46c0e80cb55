import type { ProviderId } from "@/lib/ai/models";
import type { ChatUIMessage } from "@/lib/chat/types";
import type { GenerationParams } from "@/lib/params";
import type { BlindState } from "./blind";

export const MIN_COLUMNS = 2;
export const MAX_COLUMNS = 6;

export interface ComparisonSummary {
  id: string;
  title: string;
  columnCount: number;
  createdAt: number;
  updatedAt: number;
}

/** A page of the sidebar's comparisons (GET /api/comparisons); `nextCursor` fetches the next one. */
export interface ComparisonList {
  comparisons: ComparisonSummary[];
  nextCursor: string | null;
}

/** One column: a conversation of its own, with its own model, parameters and history. */
interface ComparisonColumn {
  id: string;
  index: number;
  providerId: ProviderId;
  modelId: string;
  params: GenerationParams;
  messages: ChatUIMessage[];
}

export interface ComparisonView {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  columns: ComparisonColumn[];
  /** Blind A/B: the shuffled order while blind, and the votes */
  blind: BlindState;
}
