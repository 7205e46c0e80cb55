import type { APIRequestContext } from "@playwright/test";
import { type ApiCatalog, type ApiConversation, type ChatBody, textOf } from "./app-api";
import {
  APP_URL,
  FAKE_KEYS,
  keyTail,
  OFFLINE_APP_URL,
  OFFLINE_MODEL,
  PRESET_MODELS,
  secretFragments,
} from "./env";
import { providerErrors } from "./fake-provider/client";
import { expect, nth, test } from "./fixtures";

function chatBody(
  conversationId: string,
  text: string,
  providerId = "aimlapi",
  modelId = PRESET_MODELS.aimlapi,
) {
  return {
    conversationId,
    trigger: "submit",
    message: { id: `m-${conversationId}`, text },
    providerId,
    modelId,
    params: { maxTokens: 256 },
  } satisfies ChatBody;
}

async function getJson<T>(request: APIRequestContext, url: string): Promise<T> {
  const res = await request.get(url);
  expect(res.status(), url).toBe(200);
  return (await res.json()) as T;
}

test.describe("health and catalog", () => {
  for (const base of [APP_URL, OFFLINE_APP_URL]) {
    test(`GET ${base}/api/health says ok`, async ({ request }) => {
      const res = await request.get(`${base}/api/health`);
      expect(res.status()).toBe(200);
      expect(await res.json()).toMatchObject({ status: "ok" });
    });
  }

  test("GET /api/providers lists the configured presets, their models and limits", async ({ api }) => {
    const catalog = await api.catalog();
    const byId = Object.fromEntries(catalog.providers.map((p) => [p.id, p]));
    for (const id of ["aimlapi", "atlascloud", "deepseek", "custom"] as const) {
      expect(byId[id], id).toMatchObject({
        configured: true,
        offline: false,
        defaultModel: PRESET_MODELS[id],
      });
      expect(byId[id]?.modelsError, id).toBeUndefined();
      const model = byId[id]?.models.find((m) => m.id === PRESET_MODELS[id]);
      expect(model, `${id} lists ${PRESET_MODELS[id]}`).toMatchObject({ listed: true });
    }
    const aiml = byId.aimlapi?.models.find((m) => m.id === PRESET_MODELS.aimlapi);
    expect(aiml?.limits).toMatchObject({ topPMin: 0.01, seedMin: 1, maxStop: 4 });
    const reasoner = byId.deepseek?.models.find((m) => m.id === PRESET_MODELS.deepseek);
    expect(reasoner?.limits.ignored).toEqual(
      expect.arrayContaining(["temperature", "topP", "frequencyPenalty", "presencePenalty"]),
    );
    expect(byId.custom?.models.map((m) => m.id)).toEqual(
      expect.arrayContaining(["fake-reasoner", "fake-chat"]),
    );
    expect(byId.offline).toMatchObject({ configured: true, offline: true, defaultModel: OFFLINE_MODEL });
    expect(catalog.defaultSelection).toEqual({ providerId: "aimlapi", modelId: PRESET_MODELS.aimlapi });
  });

  test("with no provider configured, only the offline model is offered and selected", async ({ request }) => {
    const catalog = await getJson<ApiCatalog>(request, `${OFFLINE_APP_URL}/api/providers`);
    const configured = catalog.providers.filter((p) => p.configured).map((p) => p.id);
    expect(configured).toEqual(["offline"]);
    expect(catalog.defaultSelection).toEqual({ providerId: "offline", modelId: OFFLINE_MODEL });

    const models = await getJson<{ data: Array<{ id: string }> }>(
      request,
      `${OFFLINE_APP_URL}/api/offline/v1/models`,
    );
    expect(models.data.map((m) => m.id)).toContain(OFFLINE_MODEL);
  });

  test("the offline model's OpenAI-compatible endpoint streams reasoning and an answer", async ({
    request,
  }) => {
    const res = await request.post(`${OFFLINE_APP_URL}/api/offline/v1/chat/completions`, {
      data: {
        model: OFFLINE_MODEL,
        stream: true,
        stream_options: { include_usage: true },
        max_tokens: 200,
        messages: [{ role: "user", content: "Tell me about the sea" }],
      },
    });
    expect(res.status()).toBe(200);
    const raw = await res.text();
    const data = raw
      .split("\n")
      .filter((l) => l.startsWith("data: "))
      .map((l) => l.slice(6));
    expect(data.at(-1)).toBe("[DONE]");
    const chunks = data
      .slice(0, -1)
      .map((d) => JSON.parse(d) as { choices: Array<{ delta?: Record<string, unknown> }> });
    const deltas = chunks.flatMap((c) => c.choices.map((ch) => ch.delta ?? {}));
    const reasoning = deltas.map((d) => d.reasoning_content ?? d.reasoning ?? "").join("");
    const content = deltas.map((d) => d.content ?? "").join("");
    expect(`${reasoning}${content}`.trim()).not.toBe("");
    expect(content.trim()).not.toBe("");
  });
});

test.describe("conversations API", () => {
  test("lists newest first, renames and deletes", async ({ api, fake, uid, request }) => {
    await fake.script({ answer: `Stored answer ${uid}.` });
    const a = `conv-a-${uid}`;
    const b = `conv-b-${uid}`;
    await api.chat(chatBody(a, fake.message(`First conversation ${uid}`)));
    await api.chat(chatBody(b, fake.message(`Second conversation ${uid}`)));

    type List = { conversations: Array<{ id: string; title: string; updatedAt: number }> };
    const list = await getJson<List>(request, "/api/conversations");
    const ids = list.conversations.map((c) => c.id);
    expect(ids).toContain(a);
    expect(ids).toContain(b);
    expect(ids.indexOf(b)).toBeLessThan(ids.indexOf(a));
    const times = list.conversations.map((c) => c.updatedAt);
    expect(times).toEqual([...times].sort((x, y) => y - x));

    const title = `Renamed ${uid}`;
    const patch = await request.patch(`/api/conversations/${a}`, { data: { title } });
    expect(patch.ok()).toBe(true);
    expect((await api.conversation(a)).title).toBe(title);
    const renamed = await getJson<List>(request, "/api/conversations");
    expect(renamed.conversations.find((c) => c.id === a)?.title).toBe(title);

    const del = await request.delete(`/api/conversations/${a}`);
    expect(del.ok()).toBe(true);
    expect((await api.conversationResponse(a)).status()).toBe(404);
    const after = await getJson<List>(request, "/api/conversations");
    expect(after.conversations.map((c) => c.id)).not.toContain(a);
    expect(after.conversations.map((c) => c.id)).toContain(b);
    const kept: ApiConversation = await api.conversation(b);
    expect(textOf(nth(kept.messages, -1))).toBe(`Stored answer ${uid}.`);
  });

  test("an unknown conversation is a 404 JSON", async ({ api, uid }) => {
    const res = await api.conversationResponse(`missing-${uid}`);
    expect(res.status()).toBe(404);
    expect(res.headers()["content-type"]).toContain("application/json");
  });
});

test("no page or JSON response contains an API key, a fragment of one, or a provider base URL", async ({
  api,
  fake,
  uid,
  request,
}) => {
  // The second answer is DeepSeek's 401, which shows the last 4 characters of the key it was given.
  await fake.script([
    { reasoning: `Safe thoughts ${uid}.`, answer: `Safe answer ${uid}.` },
    providerErrors.auth401("Authentication Fails, Your api key: ****{keyTail} is invalid"),
  ]);
  const id = `sec-${uid}`;
  const first = await api.chat(chatBody(id, fake.message(`Secret check ${uid}`)));
  const second = await api.chat({
    ...chatBody(id, fake.message(`Secret check again ${uid}`)),
    message: { id: `m2-${id}`, text: fake.message(`Secret check again ${uid}`) },
  });
  expect(first.metadata.status).toBe("complete");
  expect(second.metadata.status).toBe("error");
  expect(second.metadata.error?.message).toContain("Authentication Fails");
  expect(second.metadata.error?.message).not.toContain(keyTail(FAKE_KEYS.aimlapi));
  const stored = await api.conversation(id);
  expect(JSON.stringify(stored)).not.toContain(keyTail(FAKE_KEYS.aimlapi));

  const offlineId = `sec-off-${uid}`;
  const offline = await request.post(`${OFFLINE_APP_URL}/api/chat`, {
    data: chatBody(offlineId, `Offline secret check ${uid}`, "offline", OFFLINE_MODEL),
  });
  expect(offline.status()).toBe(200);

  const bodies: Array<[string, string]> = [
    ["chat stream 1", first.raw],
    ["chat stream 2", second.raw],
    ["offline chat stream", await offline.text()],
  ];
  const urls = [
    `${APP_URL}/`,
    `${APP_URL}/c/${id}`,
    `${APP_URL}/api/providers`,
    `${APP_URL}/api/conversations`,
    `${APP_URL}/api/conversations/${id}`,
    `${APP_URL}/api/health`,
    `${OFFLINE_APP_URL}/`,
    `${OFFLINE_APP_URL}/c/${offlineId}`,
    `${OFFLINE_APP_URL}/api/providers`,
    `${OFFLINE_APP_URL}/api/conversations/${offlineId}`,
  ];
  for (const url of urls) {
    const res = await request.get(url);
    expect(res.status(), url).toBe(200);
    bodies.push([url, `${JSON.stringify(res.headers())}\n${await res.text()}`]);
  }
  // The conversation page really is the conversation (so the check covers its rendered data).
  expect(bodies.find(([u]) => u === `${APP_URL}/c/${id}`)?.[1]).toContain(`Safe answer ${uid}.`);

  for (const [where, text] of bodies) {
    for (const secret of secretFragments()) {
      expect(text.includes(secret), `${where} contains "${secret}"`).toBe(false);
    }
  }
});
