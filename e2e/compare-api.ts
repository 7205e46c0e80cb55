import { type APIRequestContext, expect } from "@playwright/test";
import type { ApiMessage } from "./app-api";

/** GET /api/comparisons/:id as the tests read it (lib/compare/types.ts ComparisonView). */
export interface ApiComparison {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  columns: Array<{
    id: string;
    index: number;
    providerId: string;
    modelId: string;
    params: Record<string, unknown>;
    messages: ApiMessage[];
  }>;
}

export async function getComparison(request: APIRequestContext, id: string): Promise<ApiComparison> {
  const res = await request.get(`/api/comparisons/${id}`);
  expect(res.status(), `GET /api/comparisons/${id}`).toBe(200);
  return (await res.json()) as ApiComparison;
}

/** Poll until every column's last message is an answer that has left "streaming". */
export async function settledComparison(
  request: APIRequestContext,
  id: string,
  answersPerColumn: number,
  timeout = 15_000,
): Promise<ApiComparison> {
  let cmp: ApiComparison | undefined;
  await expect(async () => {
    cmp = await getComparison(request, id);
    for (const col of cmp.columns) {
      const answers = col.messages.filter((m) => m.role === "assistant");
      expect(answers).toHaveLength(answersPerColumn);
      expect(answers.at(-1)?.metadata?.status).not.toBe("streaming");
    }
  }).toPass({ timeout });
  return cmp as ApiComparison;
}
