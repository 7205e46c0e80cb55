import type { APIRequestContext } from "@playwright/test";
import { FAKE_KEYS, PRESET_MODELS, type RemoteProviderId } from "./env";
import { expect, test } from "./fixtures";

/**
 * A provider that echoes the key it was given — whole, URL-encoded, as a head or a tail, masked,
 * spelled out a few characters per event, in the reasoning, the answer, an error body and an error
 * inside the stream — must not get any 6-character piece of it into anything the app serves or stores.
 */

const REDACTED = "[redacted]";

/** Every 6-character piece of the key and of its URL-encoded form. */
function pieces(key: string): string[] {
  const out = new Set<string>();
  for (const form of [key, encodeURIComponent(key)]) {
    for (let i = 0; i + 6 <= form.length; i++) out.add(form.slice(i, i + 6));
  }
  return [...out];
}

function expectNoKey(where: string, text: string, key: string) {
  const found = pieces(key).filter((p) => text.includes(p));
  expect(found, `${where} contains pieces of the key`).toEqual([]);
  expect(text, `${where} contains the masked tail`).not.toContain(`****${key.slice(-4)}`);
}

async function getText(request: APIRequestContext, path: string): Promise<string> {
  const res = await request.get(path);
  expect(res.status(), path).toBe(200);
  return res.text();
}

const CASES: Array<{ provider: RemoteProviderId; chunkChars?: number }> = [
  { provider: "aimlapi", chunkChars: 3 },
  { provider: "atlascloud", chunkChars: 2 },
  { provider: "deepseek" }, // whole words per event
  { provider: "custom", chunkChars: 5 },
];

for (const { provider, chunkChars } of CASES) {
  test(`${provider}: an echoed key (${FAKE_KEYS[provider].length} characters, ${chunkChars ? `${chunkChars} per event` : "whole words"}) reaches no response, row, export, share or error`, async ({
    api,
    fake,
    uid,
    request,
  }) => {
    const key = FAKE_KEYS[provider];
    const echoes = `whole {key} url {keyUrl} head ${key.slice(0, 9)}… tail …${key.slice(-8)} masked ****{keyTail} end`;
    await fake.script([
      { reasoning: `Reasoning ${uid}: ${echoes}.`, answer: `Answer ${uid}: ${echoes}.`, chunkChars },
      {
        httpError: {
          status: 401,
          body: {
            error: {
              message: `Invalid key {key} ({keyUrl}), ****{keyTail}`,
              type: "auth",
              param: null,
              code: 401,
            },
          },
        },
      },
      {
        answer: `Partial ${uid} {key}`,
        chunkChars,
        midStreamError: { afterChunks: 40, error: { message: `Upstream rejected {key} / {keyUrl}` } },
      },
    ]);
    const id = `redact-${provider}-${uid}`;
    const base = {
      conversationId: id,
      trigger: "submit" as const,
      providerId: provider,
      modelId: PRESET_MODELS[provider],
    };

    const first = await api.chat({
      ...base,
      message: { id: `u1-${uid}`, text: fake.message(`Echo my key ${uid}`) },
      params: {},
    });
    // The provider really echoed the key, and the stream still says everything else.
    expect(first.text).toContain(`Answer ${uid}: whole ${REDACTED}`);
    expect(first.text).toContain(" end.");
    expect(first.reasoning).toContain(`Reasoning ${uid}: whole ${REDACTED}`);
    expect(first.metadata.status).toBe("complete");
    expectNoKey("the answer stream", first.raw, key);

    const second = await api.chat({
      ...base,
      message: { id: `u2-${uid}`, text: fake.message(`Again ${uid}`) },
      params: {},
    });
    expect(second.metadata.status).toBe("error");
    expect(second.metadata.error?.message).toContain("Invalid key");
    expectNoKey("the 401 stream", second.raw, key);

    const third = await api.chat({
      ...base,
      message: { id: `u3-${uid}`, text: fake.message(`Once more ${uid}`) },
      params: {},
    });
    expect(third.metadata.status).toBe("error");
    expectNoKey("the mid-stream error stream", third.raw, key);

    const requests = await fake.expectChatRequests(3);
    expect(requests.every((r) => r.headers.authorization === `Bearer ${key}`)).toBe(true);

    const stored = await api.settledConversation(id);
    expect(stored.messages).toHaveLength(6);
    expectNoKey("the stored conversation", JSON.stringify(stored), key);
    expect(JSON.stringify(stored)).toContain(REDACTED);

    expectNoKey(
      "the Markdown export",
      await getText(request, `/api/conversations/${id}/export?format=md`),
      key,
    );
    expectNoKey(
      "the JSON export",
      await getText(request, `/api/conversations/${id}/export?format=json`),
      key,
    );

    const link = await request.post(`/api/conversations/${id}/share`, { data: {} });
    expect(link.status()).toBe(201);
    const { url } = (await link.json()) as { url: string };
    const page = await getText(request, new URL(url).pathname);
    expect(page).toContain(`Answer ${uid}`);
    expectNoKey("the share page", page, key);
  });
}
