import type { APIRequestContext } from "@playwright/test";
import { type ApiConversation, textOf } from "./app-api";
import { OFFLINE_MODEL, PRESET_MODELS, secretFragments } from "./env";
import { expect, test } from "./fixtures";

interface Link {
  token: string;
  url: string;
  status: string;
}

async function share(request: APIRequestContext, kind: "conversations" | "comparisons", id: string) {
  const res = await request.post(`/api/${kind}/${id}/share`, { data: {} });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as Link;
}

/** The share page as a crawler sees it (HTML) and as the client router fetches it (the RSC payload). */
async function sharePayloads(
  request: APIRequestContext,
  url: string,
): Promise<{ html: string; rsc: string }> {
  const path = new URL(url).pathname;
  const htmlRes = await request.get(path);
  expect(htmlRes.status()).toBe(200);
  expect(htmlRes.headers()["content-type"]).toContain("text/html");
  const rscRes = await request.get(path, { headers: { RSC: "1" } });
  expect(rscRes.status()).toBe(200);
  expect(rscRes.headers()["content-type"]).toContain("text/x-component");
  return { html: await htmlRes.text(), rsc: await rscRes.text() };
}

const conversationFile = (title: string, params: Record<string, unknown> = {}, format = "") =>
  JSON.stringify({
    format: format || "speciale-playground/conversation",
    version: 1,
    exportedAt: 1,
    conversation: {
      title,
      providerId: "offline",
      modelId: OFFLINE_MODEL,
      params,
      createdAt: 1,
      updatedAt: 1,
      messages: [{ role: "user", content: "hello", createdAt: 1 }],
    },
  });

test.describe("share page payloads", () => {
  test("hold the snapshot and nothing else: no key, no base URL, no other conversation, no internal id", async ({
    api,
    fake,
    uid,
    request,
  }) => {
    await fake.script([
      { reasoning: `Leak check thoughts ${uid}.`, answer: `Leak check answer ${uid}.` },
      { answer: `Private neighbour answer ${uid}.` },
    ]);
    const id = `share-leak-${uid}`;
    const messageId = `msg-leak-${uid}`;
    await api.chat({
      conversationId: id,
      trigger: "submit",
      message: { id: messageId, text: fake.message(`Leak check ${uid}`) },
      providerId: "aimlapi",
      modelId: PRESET_MODELS.aimlapi,
      params: { temperature: 0.5, maxTokens: 256 },
    });
    const neighbour = `share-neighbour-${uid}`;
    await api.chat({
      conversationId: neighbour,
      trigger: "submit",
      message: { id: `msg-neighbour-${uid}`, text: fake.message(`Private neighbour ${uid}`) },
      providerId: "aimlapi",
      modelId: PRESET_MODELS.aimlapi,
      params: { maxTokens: 256 },
    });
    const conv = await api.conversation(id);
    const answerId = conv.messages[1]?.id ?? "";
    expect(answerId).not.toBe("");

    const link = await share(request, "conversations", id);
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(link.url).toMatch(new RegExp(`/share/${link.token}$`));
    const { html, rsc } = await sharePayloads(request, link.url);

    for (const [name, body] of [
      ["HTML", html],
      ["RSC", rsc],
    ] as const) {
      // The snapshot is there (so the absences below mean something)…
      expect(body, name).toContain(`Leak check answer ${uid}.`);
      expect(body, name).toContain(`Leak check thoughts ${uid}.`);
      // …and nothing else.
      for (const secret of secretFragments()) expect(body.includes(secret), `${name}: ${secret}`).toBe(false);
      for (const internal of [id, messageId, answerId, neighbour, `Private neighbour ${uid}`]) {
        expect(body.includes(internal), `${name}: ${internal}`).toBe(false);
      }
    }
    expect(html).toMatch(/<meta name="robots" content="noindex, nofollow"/);
    expect(html).toContain(`<meta property="og:title" content="Leak check ${uid}`);
    expect(html).toMatch(/<meta property="og:description" content="Leak check [^"]+"/);
  });

  test("a comparison shows its columns side by side without their ids", async ({
    api,
    fake,
    uid,
    request,
  }) => {
    await fake.script({ answer: `Column answer ${uid}.` });
    const id = `share-cmp-${uid}`;
    const columns = [
      {
        id: `col-a-${uid}`,
        providerId: "aimlapi",
        modelId: PRESET_MODELS.aimlapi,
        params: { maxTokens: 256 },
      },
      {
        id: `col-b-${uid}`,
        providerId: "deepseek",
        modelId: PRESET_MODELS.deepseek,
        params: { maxTokens: 300 },
      },
    ];
    const created = await request.post("/api/comparisons", { data: { id, title: `Cmp ${uid}`, columns } });
    expect(created.status(), await created.text()).toBe(201);
    for (const c of columns) {
      await api.chat({
        conversationId: c.id,
        trigger: "submit",
        message: { id: `m-${c.id}`, text: fake.message(`Compare ${uid}`) },
        providerId: c.providerId,
        modelId: c.modelId,
        params: c.params,
      });
    }
    const link = await share(request, "comparisons", id);
    const { html, rsc } = await sharePayloads(request, link.url);
    for (const c of columns) {
      expect(html).toContain(`aria-label="Column ${columns.indexOf(c) + 1}: ${c.modelId}"`);
      expect(html.includes(c.id) || rsc.includes(c.id), c.id).toBe(false);
    }
    expect(html.includes(id) || rsc.includes(id)).toBe(false);
    expect(html.match(/<article aria-label="Assistant message"/g)).toHaveLength(2);
    expect(html).toContain(`Column answer ${uid}.`);
  });

  test("unknown, malformed and revoked tokens answer 404; the API revokes only the owner's links", async ({
    api,
    fake,
    uid,
    request,
  }) => {
    await fake.script({ answer: `Revoke answer ${uid}.` });
    const id = `share-revoke-${uid}`;
    await api.chat({
      conversationId: id,
      trigger: "submit",
      message: { id: `m-${id}`, text: fake.message(`Revoke ${uid}`) },
      providerId: "aimlapi",
      modelId: PRESET_MODELS.aimlapi,
      params: { maxTokens: 256 },
    });
    expect((await request.get("/share/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).status()).toBe(404);
    expect((await request.get("/share/..%2F..%2Fapi")).status()).toBe(404);
    const link = await share(request, "conversations", id);
    expect((await request.get(new URL(link.url).pathname)).status()).toBe(200);
    const listed = (await (await request.get(`/api/conversations/${id}/share`)).json()) as { links: Link[] };
    expect(listed.links.map((l) => l.token)).toEqual([link.token]);

    expect((await request.delete(`/api/shares/${link.token}`)).status()).toBe(204);
    const gone = await request.get(new URL(link.url).pathname);
    expect(gone.status()).toBe(404);
    expect(await gone.text()).not.toContain(`Revoke answer ${uid}.`);
    const all = (await (await request.get("/api/shares")).json()) as { links: Link[] };
    expect(all.links.find((l) => l.token === link.token)?.status).toBe("revoked");
    // A revoked link stays dead: it cannot be refreshed back to life.
    expect((await request.patch(`/api/shares/${link.token}`, { data: {} })).status()).toBe(400);
  });
});

test.describe("export and import", () => {
  const strip = (c: ApiConversation) => ({
    ...c,
    id: undefined,
    createdAt: undefined,
    updatedAt: undefined,
    messages: c.messages.map((m) => ({ ...m, id: undefined })),
  });

  test("a JSON export imports back as an equal, new conversation; Markdown is readable", async ({
    api,
    fake,
    uid,
    request,
  }) => {
    await fake.script([
      { reasoning: `Round thoughts ${uid} </details> <b>x</b>.`, answer: `Round answer ${uid}.` },
      { reasoning: "", answer: `Second round ${uid}.` },
    ]);
    const id = `export-${uid}`;
    for (const [n, text] of [`First ${uid}`, `Second ${uid}`].entries()) {
      await api.chat({
        conversationId: id,
        trigger: "submit",
        message: { id: `m${n}-${id}`, text: fake.message(text) },
        providerId: "aimlapi",
        modelId: PRESET_MODELS.aimlapi,
        params: { temperature: 0.2, maxTokens: 256, stop: ["##"], system: "Be brief." },
      });
    }
    const original = await api.conversation(id);
    expect(original.messages).toHaveLength(4);

    const json = await request.get(`/api/conversations/${id}/export?format=json`);
    expect(json.status()).toBe(200);
    expect(json.headers()["content-disposition"]).toMatch(/^attachment; filename=".+\.json"$/);
    const file = await json.text();
    for (const secret of secretFragments()) expect(file.includes(secret), secret).toBe(false);

    const imported = await request.post("/api/conversations/import", {
      headers: { "content-type": "application/json" },
      data: Buffer.from(file),
    });
    expect(imported.status(), await imported.text()).toBe(201);
    const result = (await imported.json()) as { kind: string; id: string; url: string };
    expect(result).toMatchObject({ kind: "conversation", url: `/c/${result.id}` });
    expect(result.id).not.toBe(id);
    const copy = await api.conversation(result.id);
    expect(strip(copy)).toEqual(strip(original));
    expect(textOf(copy.messages[3] ?? { id: "", role: "assistant", parts: [] })).toBe(`Second round ${uid}.`);

    const md = await request.get(`/api/conversations/${id}/export?format=md`);
    expect(md.status()).toBe(200);
    expect(md.headers()["content-type"]).toContain("text/markdown");
    const text = await md.text();
    expect(text).toContain(`# ${original.title}`);
    expect(text).toContain("### User");
    expect(text).toContain(`Round answer ${uid}.`);
    expect(text).toContain("<details><summary>Reasoning");
    expect(text).toContain("&lt;/details&gt;");
    expect(text.match(/<\/details>/g)).toHaveLength(1);
    expect(text).toContain("temperature 0.2");
    expect((await request.get(`/api/conversations/${id}/export?format=pdf`)).status()).toBe(400);
  });

  test("bad files are refused with 400 naming the problem, and create nothing", async ({ uid, request }) => {
    const cases: Array<[string, string, RegExp]> = [
      [
        "not JSON",
        `{"format":"speciale-playground/conversation","title":"Not JSON ${uid}"`,
        /not valid JSON/,
      ],
      ["wrong format", conversationFile(`Wrong format ${uid}`, {}, "someone-else/chat"), /format/],
      ["out-of-range parameter", conversationFile(`Hot ${uid}`, { temperature: 9 }), /temperature/],
    ];
    // Each file is valid but for its one fault (see the control below), so a missing check would create one.
    for (const [name, body, message] of cases) {
      // A Buffer goes out byte for byte (Playwright would JSON-encode a string that does not parse).
      const res = await request.post("/api/conversations/import", {
        headers: { "content-type": "application/json" },
        data: Buffer.from(body),
      });
      expect(res.status(), name).toBe(400);
      const err = (await res.json()) as { error: { code: string; message: string; field?: string } };
      expect(err.error.code, name).toBe("invalid_request");
      expect(`${err.error.message} ${err.error.field ?? ""}`, name).toMatch(message);
    }
    const list = (await (await request.get("/api/conversations")).json()) as {
      conversations: Array<{ title: string }>;
    };
    expect(list.conversations.filter((c) => c.title.includes(uid))).toEqual([]);

    // The control: the same file without a fault is accepted.
    const ok = await request.post("/api/conversations/import", {
      headers: { "content-type": "application/json" },
      data: conversationFile(`Control ${uid}`),
    });
    expect(ok.status(), await ok.text()).toBe(201);
  });
});
