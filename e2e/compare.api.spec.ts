import type { APIRequestContext } from "@playwright/test";
import { textOf } from "./app-api";
import { type ApiComparison, getComparison, settledComparison } from "./compare-api";
import { PRESET_MODELS } from "./env";
import { expect, nth, test } from "./fixtures";

const column = (id: string, temperature: number) => ({
  id,
  providerId: "aimlapi",
  modelId: PRESET_MODELS.aimlapi,
  params: { temperature, maxTokens: 256 },
});

async function createComparison(request: APIRequestContext, body: unknown) {
  return request.post("/api/comparisons", { data: body as Record<string, unknown> });
}

test.describe("comparisons API", () => {
  test("GET /api/comparisons/:id returns the columns with their parameters and messages", async ({
    request,
    api,
    fake,
    uid,
  }) => {
    await fake.script({ reasoning: `Reasoned ${uid}.`, answer: `Column answer ${uid}.` });
    const id = `cmp-${uid}`;
    const res = await createComparison(request, {
      id,
      columns: [column(`${id}-a`, 0), column(`${id}-b`, 1.4)],
    });
    expect(res.status()).toBe(201);
    const created = (await res.json()) as ApiComparison;
    expect(created).toMatchObject({ id, title: "New comparison" });
    expect(created.columns.map((c) => [c.id, c.index, c.params])).toEqual([
      [`${id}-a`, 0, { temperature: 0, maxTokens: 256 }],
      [`${id}-b`, 1, { temperature: 1.4, maxTokens: 256 }],
    ]);

    const text = fake.message(`Compare me ${uid}`);
    await Promise.all(
      created.columns.map((c) =>
        api.chat({
          conversationId: c.id,
          trigger: "submit",
          message: { id: `m-${c.id}`, text },
          providerId: c.providerId,
          modelId: c.modelId,
          params: c.params,
        }),
      ),
    );
    const view = await settledComparison(request, id, 1);
    expect(view.title).toBe(text.slice(0, 80));
    expect(typeof view.createdAt).toBe("number");
    expect(view.updatedAt).toBeGreaterThanOrEqual(view.createdAt);
    for (const [i, col] of view.columns.entries()) {
      expect(col).toMatchObject({ index: i, providerId: "aimlapi", modelId: PRESET_MODELS.aimlapi });
      expect(col.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
      expect(textOf(nth(col.messages, 0))).toBe(text);
      const answer = nth(col.messages, 1);
      expect(textOf(answer)).toBe(`Column answer ${uid}.`);
      expect(answer.metadata).toMatchObject({
        status: "complete",
        params: col.params,
        paramsSent: { temperature: col.params.temperature, max_tokens: 256 },
        finishReason: "stop",
      });
      expect(answer.metadata?.usage?.completionTokens).toBeGreaterThan(0);
      expect(answer.metadata?.timings?.totalMs).toBeGreaterThanOrEqual(0);
    }

    // Listed as a comparison, newest first; its columns are not listed as chats.
    const list = (await (await request.get("/api/comparisons")).json()) as {
      comparisons: Array<{ id: string; columnCount: number; updatedAt: number }>;
    };
    expect(list.comparisons.find((c) => c.id === id)?.columnCount).toBe(2);
    const times = list.comparisons.map((c) => c.updatedAt);
    expect(times).toEqual([...times].sort((x, y) => y - x));
    const chats = (await (await request.get("/api/conversations")).json()) as {
      conversations: Array<{ id: string }>;
    };
    expect(chats.conversations.map((c) => c.id)).not.toContain(`${id}-a`);
  });

  test("columns are added, saved, removed within 2..6, and DELETE removes everything", async ({
    request,
    api,
    fake,
    uid,
  }) => {
    await fake.script({ answer: `Kept ${uid}.` });
    const id = `cmp-del-${uid}`;
    expect((await createComparison(request, { columns: [column(`${id}-x`, 0)] })).status()).toBe(400);
    const seven = Array.from({ length: 7 }, (_, i) => column(`${id}-${i}`, 0));
    expect((await createComparison(request, { columns: seven })).status()).toBe(400);
    expect(
      (
        await createComparison(request, { id, columns: [column(`${id}-a`, 0), column(`${id}-b`, 1)] })
      ).status(),
    ).toBe(201);

    const patch = await request.patch(`/api/comparisons/${id}/columns/${id}-b`, {
      data: { providerId: "aimlapi", modelId: PRESET_MODELS.aimlapi, params: { temperature: 1.9, seed: 3 } },
    });
    expect(patch.status()).toBe(204);
    const bad = await request.patch(`/api/comparisons/${id}/columns/${id}-b`, {
      data: { providerId: "aimlapi", modelId: PRESET_MODELS.aimlapi, params: { temperature: 3 } },
    });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.field).toBe("params.temperature");
    const added = await request.post(`/api/comparisons/${id}/columns`, { data: column(`${id}-c`, 0.5) });
    expect(added.status()).toBe(201);
    let view = await getComparison(request, id);
    expect(view.columns.map((c) => [c.id, c.params])).toEqual([
      [`${id}-a`, { temperature: 0, maxTokens: 256 }],
      [`${id}-b`, { temperature: 1.9, seed: 3 }],
      [`${id}-c`, { temperature: 0.5, maxTokens: 256 }],
    ]);
    expect((await request.delete(`/api/comparisons/${id}/columns/${id}-a`)).status()).toBe(204);
    expect((await request.delete(`/api/comparisons/${id}/columns/${id}-b`)).status()).toBe(400);
    view = await getComparison(request, id);
    expect(view.columns.map((c) => [c.id, c.index])).toEqual([
      [`${id}-b`, 0],
      [`${id}-c`, 1],
    ]);

    await api.chat({
      conversationId: `${id}-c`,
      trigger: "submit",
      message: { id: `m-${id}`, text: fake.message(`Delete me ${uid}`) },
      providerId: "aimlapi",
      modelId: PRESET_MODELS.aimlapi,
      params: { temperature: 0.5 },
    });
    expect((await api.conversation(`${id}-c`)).messages).toHaveLength(2);

    expect((await request.delete(`/api/comparisons/${id}`)).status()).toBe(204);
    expect((await request.get(`/api/comparisons/${id}`)).status()).toBe(404);
    for (const col of [`${id}-b`, `${id}-c`])
      expect((await api.conversationResponse(col)).status()).toBe(404);
    const list = (await (await request.get("/api/comparisons")).json()) as {
      comparisons: Array<{ id: string }>;
    };
    expect(list.comparisons.map((c) => c.id)).not.toContain(id);
    expect((await request.delete(`/api/comparisons/${id}`)).status()).toBe(404);
  });
});
