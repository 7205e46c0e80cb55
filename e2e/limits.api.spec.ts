import http from "node:http";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { type ChatBody, textOf } from "./app-api";
import { getComparison } from "./compare-api";
import { APP_URL, PRESET_MODELS } from "./env";
import { expect, nth, test } from "./fixtures";

/** Limits and "nothing half-written": 413 while reading, 409 for taken ids, import bounds, refused = unstored. */

const JSON_HEADERS = { "content-type": "application/json" };
const MB = 1024 * 1024;

interface ApiError {
  error: { code: string; message: string; field?: string };
}

async function expectError(res: APIResponse, status: number, code: string, field?: RegExp | string) {
  const text = await res.text();
  expect(res.status(), text.slice(0, 300)).toBe(status);
  expect(res.headers()["content-type"]).toContain("application/json");
  const json = JSON.parse(text) as ApiError;
  expect(json.error.code).toBe(code);
  expect(json.error.message).not.toBe("");
  if (field !== undefined) expect(json.error.field ?? "").toMatch(field);
  return json.error;
}

function chatBody(uid: string, over: Partial<ChatBody> = {}): ChatBody {
  return {
    conversationId: `lim-${uid}`,
    trigger: "submit",
    message: { id: `u-${uid}`, text: `Limits ${uid}` },
    providerId: "aimlapi",
    modelId: PRESET_MODELS.aimlapi,
    params: {},
    ...over,
  };
}

/**
 * POST `total` bytes with Transfer-Encoding: chunked (no Content-Length), 64 KB at a time, waiting for the
 * socket to drain between chunks; stops writing as soon as the server answers.
 */
function postChunked(path: string, total: number): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    let answered = false;
    const req = http.request(`${APP_URL}${path}`, { method: "POST", headers: JSON_HEADERS }, (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => {
        body += d;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, sent }));
    });
    // The server may close the connection once it has answered, while this side is still writing.
    req.on("error", (err) => (answered ? undefined : reject(err)));
    req.write("{");
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end("}");
    };
    pump();
  });
}

async function conversationTitles(request: APIRequestContext): Promise<string[]> {
  const res = await request.get("/api/conversations");
  return ((await res.json()) as { conversations: { title: string }[] }).conversations.map((c) => c.title);
}

test.describe("request bodies are limited while they are read", () => {
  test("a Content-Length over 1 MB gets a 413 JSON, nothing is stored and nothing reaches the provider", async ({
    request,
    api,
    fake,
    uid,
  }) => {
    const body = chatBody(uid, { message: { id: `u-${uid}`, text: fake.message("x".repeat(MB)) } });
    const res = await request.post("/api/chat", {
      headers: JSON_HEADERS,
      data: Buffer.from(JSON.stringify(body)),
    });
    const err = await expectError(res, 413, "payload_too_large", "body");
    expect(err.message).toMatch(/larger than 1 MB/);
    expect((await api.conversationResponse(body.conversationId)).status()).toBe(404);
    expect(await fake.chatRequests()).toHaveLength(0);
  });

  test("a chunked body without Content-Length is cut off past the limit: 413 for chat (1 MB) and import (5 MB)", async ({
    api,
    uid,
  }) => {
    const chat = await postChunked("/api/chat", 3 * MB);
    expect(chat.status, chat.body.slice(0, 300)).toBe(413);
    expect((JSON.parse(chat.body) as ApiError).error).toMatchObject({
      code: "payload_too_large",
      field: "body",
    });

    const file = await postChunked("/api/conversations/import", 12 * MB);
    expect(file.status, file.body.slice(0, 300)).toBe(413);
    expect((JSON.parse(file.body) as ApiError).error).toMatchObject({
      code: "payload_too_large",
      field: "file",
      message: "The file is larger than 5 MB",
    });
    // A small chunked body is read whole (the limit counts, it does not refuse chunked bodies as such).
    const small = await postChunked("/api/chat", 0);
    expect(small.status).toBe(400);
    expect((await api.conversationResponse(`lim-${uid}`)).status()).toBe(404);
  });

  test("an import over 5 MB by Content-Length is a 413 naming the file, and creates nothing", async ({
    request,
    uid,
  }) => {
    const file = `{"format":"speciale-playground/conversation","title":"Too big ${uid}","pad":"${" ".repeat(5 * MB)}"}`;
    const res = await request.post("/api/conversations/import", {
      headers: JSON_HEADERS,
      data: Buffer.from(file),
    });
    const err = await expectError(res, 413, "payload_too_large", "file");
    expect(err.message).toBe("The file is larger than 5 MB");
    expect((await conversationTitles(request)).filter((t) => t.includes(uid))).toEqual([]);
  });
});

test.describe("import bounds", () => {
  const file = (title: string, paramsSentJson: string) =>
    `{"format":"speciale-playground/conversation","version":1,"exportedAt":1,"conversation":{"title":"${title}","providerId":"offline","modelId":"offline/ngram","params":{},"createdAt":1,"updatedAt":1,"messages":[{"role":"user","content":"hi","createdAt":1},{"role":"assistant","content":"yo","createdAt":2,"paramsSent":${paramsSentJson}}]}}`;

  test("deep nesting and long arrays are a 400 naming the field (never a 500), and create nothing", async ({
    request,
    uid,
  }) => {
    const cases: Array<[string, string, RegExp]> = [
      // 100 000 levels: JSON.parse copes, but storing it would overflow JSON.stringify's stack.
      [
        "deep",
        `{"a":${"[".repeat(100_000)}${"]".repeat(100_000)}}`,
        /^conversation\.messages\.1\.paramsSent\.a(\.0)+$/,
      ],
      [
        "long array",
        `{"a":[${Array(20_000).fill(0).join(",")}]}`,
        /^conversation\.messages\.1\.paramsSent\.a$/,
      ],
    ];
    for (const [name, paramsSent, field] of cases) {
      const res = await request.post("/api/conversations/import", {
        headers: JSON_HEADERS,
        data: Buffer.from(file(`Bounds ${name} ${uid}`, paramsSent)),
      });
      await expectError(res, 400, "invalid_request", field);
    }
    expect((await conversationTitles(request)).filter((t) => t.includes(uid))).toEqual([]);

    // The control: the same file with a modest value is imported.
    const ok = await request.post("/api/conversations/import", {
      headers: JSON_HEADERS,
      data: Buffer.from(file(`Bounds ok ${uid}`, `{"a":[[1,2],[3]]}`)),
    });
    expect(ok.status(), await ok.text()).toBe(201);
  });

  test("a JSON API body nested too deep is a 400, not a 500", async ({ request, fake, uid }) => {
    const deep = `${"[".repeat(50_000)}${"]".repeat(50_000)}`;
    const raw = JSON.stringify(chatBody(uid)).replace('"params":{}', `"params":{"stop":${deep}}`);
    const res = await request.post("/api/chat", { headers: JSON_HEADERS, data: Buffer.from(raw) });
    await expectError(res, 400, "invalid_request", /^params\.stop(\.0)+$/);
    expect(await fake.chatRequests()).toHaveLength(0);
  });
});

test.describe("taken ids are a 409, never a 500, and store nothing", () => {
  test("a message id used in another conversation", async ({ api, fake, uid }) => {
    await fake.script({ answer: `First ${uid}.` });
    const first = chatBody(uid, { message: { id: `shared-${uid}`, text: fake.message(`One ${uid}`) } });
    await api.chat(first);

    const second = chatBody(uid, {
      conversationId: `lim2-${uid}`,
      message: { id: `shared-${uid}`, text: fake.message(`Two ${uid}`) },
    });
    await expectError(await api.postChat(second), 409, "conflict", "message.id");
    expect((await api.conversationResponse(second.conversationId)).status()).toBe(404);
    expect(await fake.chatRequests()).toHaveLength(1);
    expect((await api.conversation(first.conversationId)).messages).toHaveLength(2);
  });

  test("comparison and column ids that exist", async ({ request, api, fake, uid }) => {
    await fake.script({ answer: `Chat ${uid}.` });
    const chat = chatBody(uid);
    await api.chat({ ...chat, message: { id: `u-${uid}`, text: fake.message(`Hi ${uid}`) } });
    const col = (id: string) => ({ id, providerId: "offline", modelId: "offline/ngram", params: {} });
    const id = `cmp-${uid}`;
    const created = await request.post("/api/comparisons", {
      data: { id, columns: [col(`${id}-a`), col(`${id}-b`)] },
    });
    expect(created.status()).toBe(201);

    const again = await request.post("/api/comparisons", {
      data: { id, columns: [col(`x-${uid}`), col(`y-${uid}`)] },
    });
    await expectError(again, 409, "conflict", "id");
    const columnIsAChat = await request.post("/api/comparisons", {
      data: { id: `cmp2-${uid}`, columns: [col(`z-${uid}`), col(chat.conversationId)] },
    });
    await expectError(columnIsAChat, 409, "conflict", "columns.1.id");
    const sameTwice = await request.post("/api/comparisons", {
      data: { id: `cmp3-${uid}`, columns: [col(`w-${uid}`), col(`w-${uid}`)] },
    });
    await expectError(sameTwice, 400, "invalid_request", "columns.1.id");
    const addTaken = await request.post(`/api/comparisons/${id}/columns`, { data: col(`${id}-a`) });
    await expectError(addTaken, 409, "conflict", "id");

    for (const gone of [`cmp2-${uid}`, `cmp3-${uid}`]) {
      expect((await request.get(`/api/comparisons/${gone}`)).status()).toBe(404);
    }
    for (const c of [`x-${uid}`, `y-${uid}`, `z-${uid}`, `w-${uid}`]) {
      expect((await api.conversationResponse(c)).status()).toBe(404);
    }
    expect((await getComparison(request, id)).columns.map((c) => c.id)).toEqual([`${id}-a`, `${id}-b`]);
    expect((await api.conversation(chat.conversationId)).messages).toHaveLength(2);
  });

  test("a chat whose conversation id is a column continues that column (not a conflict)", async ({
    request,
    api,
    fake,
    uid,
  }) => {
    await fake.script({ answer: `Column ${uid}.` });
    const id = `cmpc-${uid}`;
    const col = (c: string) => ({ id: c, providerId: "aimlapi", modelId: PRESET_MODELS.aimlapi, params: {} });
    expect(
      (
        await request.post("/api/comparisons", { data: { id, columns: [col(`${id}-a`), col(`${id}-b`)] } })
      ).status(),
    ).toBe(201);
    await api.chat(
      chatBody(uid, {
        conversationId: `${id}-a`,
        message: { id: `m-${uid}`, text: fake.message(`Q ${uid}`) },
      }),
    );
    expect(textOf(nth((await getComparison(request, id)).columns[0]?.messages ?? [], 1))).toBe(
      `Column ${uid}.`,
    );
  });
});

test.describe("comparison columns are deleted only through their comparison", () => {
  test("DELETE /api/conversations/<column id> is a 409 pointing to the column endpoint; the comparison keeps its columns", async ({
    request,
    uid,
  }) => {
    const id = `cmpd-${uid}`;
    const col = (c: string) => ({ id: c, providerId: "offline", modelId: "offline/ngram", params: {} });
    const cols = [`${id}-a`, `${id}-b`, `${id}-c`];
    expect((await request.post("/api/comparisons", { data: { id, columns: cols.map(col) } })).status()).toBe(
      201,
    );

    const err = await expectError(await request.delete(`/api/conversations/${id}-a`), 409, "conflict", "id");
    expect(err.message).toContain(`/api/comparisons/${id}/columns/${id}-a`);
    expect((await getComparison(request, id)).columns.map((c) => c.id)).toEqual(cols);

    // The column endpoint removes it while two remain, then refuses.
    expect((await request.delete(`/api/comparisons/${id}/columns/${id}-a`)).status()).toBe(204);
    await expectError(
      await request.delete(`/api/comparisons/${id}/columns/${id}-b`),
      400,
      "invalid_request",
      "columns",
    );
    expect((await getComparison(request, id)).columns.map((c) => c.id)).toEqual([`${id}-b`, `${id}-c`]);
  });
});

test.describe("a refused chat request stores nothing", () => {
  test("editing an answer, regenerating with no question", async ({ api, fake, uid }) => {
    await fake.script({ answer: `Kept ${uid}.` });
    const body = chatBody(uid, { message: { id: `u-${uid}`, text: fake.message(`Keep ${uid}`) } });
    await api.chat(body);
    const before = await api.conversation(body.conversationId);
    const answerId = nth(before.messages, 1).id;

    await expectError(
      await api.postChat({ ...body, message: { id: answerId, text: "Overwrite the answer" } }),
      400,
      "invalid_request",
      "message.id",
    );
    const fresh = `lim-new-${uid}`;
    await expectError(
      await api.postChat({ ...body, conversationId: fresh, trigger: "regenerate", message: undefined }),
      400,
      "invalid_request",
      "trigger",
    );
    expect((await api.conversationResponse(fresh)).status()).toBe(404);

    expect(await api.conversation(body.conversationId)).toEqual(before);
    expect(await fake.chatRequests()).toHaveLength(1);
  });
});
