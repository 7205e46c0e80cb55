import { MockLanguageModelV4 } from "ai/test";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type Db, rows as rawRows } from "@/db/client";
import * as cq from "@/db/queries/comparisons";
import * as q from "@/db/queries/conversations";
import { onPostgres, openTestDb, sqliteOf, type TestDb } from "@/db/test-db";
import { AppError } from "@/lib/errors";
import type { GenerationParams } from "@/lib/params";
import { openTestAppDb } from "@/lib/testing/app-db";
import { activeTurns } from "./active-turns";
import type { CallSettingsMapping } from "./call-settings";
import type { ChatRequest } from "./request-schema";
import { type ChatDeps, runChat } from "./run-chat";
import { turnResponse } from "./turn-response";
import type { MessageMetadata } from "./types";

/** The stream parts a language model yields (the provider spec's type, reached through the mock). */
type LanguageModelV4StreamPart =
  Awaited<ReturnType<MockLanguageModelV4["doStream"]>>["stream"] extends ReadableStream<infer P> ? P : never;

// The provider registry reads providers set in /settings from lib/db's database: an empty one, in memory.
await openTestAppDb("chat", { memory: true });

let testDb: TestDb;
let db: Db;

beforeEach(async () => {
  testDb = await openTestDb("pg_chat");
  db = testDb.db;
});
afterEach(() => testDb.close());

const usage = {
  inputTokens: { total: 7, noCache: 7, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 3, reasoning: 2 },
};

function finish(raw: string, unified: "stop" | "length" = "stop"): LanguageModelV4StreamPart {
  return { type: "finish", usage, finishReason: { unified, raw } };
}

const answer = (text: string, ending: LanguageModelV4StreamPart[]): LanguageModelV4StreamPart[] => [
  { type: "stream-start", warnings: [] },
  { type: "reasoning-start", id: "r" },
  { type: "reasoning-delta", id: "r", delta: "Thinking." },
  { type: "reasoning-end", id: "r" },
  { type: "text-start", id: "t" },
  { type: "text-delta", id: "t", delta: text },
  ...ending,
];

/** A model that plays `parts`, then either closes or (hang) waits until the request is aborted. */
function model(parts: LanguageModelV4StreamPart[], hang = false) {
  return new MockLanguageModelV4({
    doStream: async ({ abortSignal }) => ({
      stream: new ReadableStream<LanguageModelV4StreamPart>({
        start(controller) {
          for (const p of parts) controller.enqueue(p);
          if (!hang) return controller.close();
          abortSignal?.addEventListener("abort", () =>
            controller.error(new DOMException("The operation was aborted.", "AbortError")),
          );
        },
      }),
    }),
  });
}

function deps(m: MockLanguageModelV4): Partial<ChatDeps> {
  return { db, instanceId: "test-instance", createModel: () => m, timeoutMs: 60_000, maxRetries: 0 };
}

const submit = (over: Partial<ChatRequest> = {}): ChatRequest => ({
  conversationId: "c1",
  trigger: "submit",
  message: { id: "u1", text: "Hello there" },
  providerId: "offline",
  modelId: "offline/ngram",
  params: {},
  ...over,
});

async function run(req: ChatRequest, m: MockLanguageModelV4) {
  const res = await runChat("alice", req, deps(m));
  return res.text();
}

const rows = async (conversationId = "c1") => await q.getMessages(db, "alice", conversationId);

/** The metadata of the stream's start event. */
function startMetadata(body: string): MessageMetadata {
  for (const line of body.split("\n")) {
    if (!line.startsWith("data: {")) continue;
    const event = JSON.parse(line.slice(6));
    if (event.type === "start") return event.messageMetadata;
  }
  throw new Error("no start event");
}

/** Every row of every table: a refused request must leave all of it as it was. */
async function dump() {
  const tables = ["comparisons", "conversations", "messages", "shares"];
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = await rawRows(db, sql.raw(`select * from ${t} order by 1`));
  return out;
}

describe("runChat", () => {
  it("maps every parameter to the model call, and an unset one to nothing", async () => {
    const params: Required<GenerationParams> = {
      system: "Be brief.",
      temperature: 0.7,
      topP: 0.9,
      maxTokens: 123,
      frequencyPenalty: 0.5,
      presencePenalty: -0.5,
      stop: ["END"],
      seed: 42,
    };
    const full = model(answer("Hi.", [finish("stop")]));
    await run(submit({ params }), full);
    const call = full.doStreamCalls[0];
    expect(call).toMatchObject({
      temperature: 0.7,
      topP: 0.9,
      maxOutputTokens: 123,
      frequencyPenalty: 0.5,
      presencePenalty: -0.5,
      stopSequences: ["END"],
      seed: 42,
    });
    expect(call.prompt[0]).toMatchObject({ role: "system", content: "Be brief." });

    const bare = model(answer("Hi.", [finish("stop")]));
    await run(submit({ conversationId: "c2", message: { id: "u2", text: "Again" } }), bare);
    const unset = bare.doStreamCalls[0];
    for (const key of [
      "temperature",
      "topP",
      "maxOutputTokens",
      "frequencyPenalty",
      "presencePenalty",
      "seed",
    ]) {
      expect(unset[key as keyof typeof unset], key).toBeUndefined();
    }
    expect(unset.prompt.map((p) => p.role)).toEqual(["user"]);
  });

  it("a parameter mapping that forgets a key does not compile", async () => {
    // @ts-expect-error `seed` is missing: every GenerationParams key needs a mapper.
    const incomplete: CallSettingsMapping = {
      system: (instructions) => ({ instructions }),
      temperature: (temperature) => ({ temperature }),
      topP: (topP) => ({ topP }),
      maxTokens: (maxOutputTokens) => ({ maxOutputTokens }),
      frequencyPenalty: (frequencyPenalty) => ({ frequencyPenalty }),
      presencePenalty: (presencePenalty) => ({ presencePenalty }),
      stop: (stopSequences) => ({ stopSequences }),
    };
    expect(Object.keys(incomplete)).not.toContain("seed");
  });

  it("stores a complete answer with reasoning, usage and finish reason, and the owning instance only while streaming", async () => {
    await run(submit(), model(answer("All good.", [finish("stop")])));
    const [user, assistant] = await rows();
    expect(user).toMatchObject({ id: "u1", role: "user", content: "Hello there" });
    expect(assistant).toMatchObject({
      role: "assistant",
      content: "All good.",
      reasoning: "Thinking.",
      status: "complete",
      finishReason: "stop",
      usage: { promptTokens: 7, completionTokens: 5, reasoningTokens: 2 },
      error: null,
      instanceId: null,
    });
  });

  // (On PostgreSQL, node-pg's pool keeps idle timers of its own.)
  it.skipIf(onPostgres)(
    "the provider timeout is a timer of the turn, cleared when it ends (one that cannot be would hold the request for 15 minutes)",
    async () => {
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
      try {
        const res = await runChat("alice", submit(), deps(model(answer("Done.", [finish("stop")]))));
        expect(vi.getTimerCount()).toBe(1);
        await res.text();
        expect(vi.getTimerCount()).toBe(0);
      } finally {
        vi.useRealTimers();
      }
    },
  );

  it.skipIf(onPostgres)(
    "a turn after the first compiles no new statement, before the answer streams or after (prepared once per database)",
    async () => {
      await run(submit(), model(answer("First.", [finish("stop")])));
      const prepare = vi.spyOn(sqliteOf(db), "prepare");
      await run(
        submit({ message: { id: "u2", text: "Second" }, params: { temperature: 0.3 } }),
        model(answer("Second.", [finish("stop")])),
      );
      expect(prepare).not.toHaveBeenCalled();
      prepare.mockRestore();
      expect((await rows()).map((m) => m.content)).toEqual(["Hello there", "First.", "Second", "Second."]);
      expect((await q.getConversation(db, "alice", "c1"))?.params).toEqual({ temperature: 0.3 });
      expect((await rows())[3]).toMatchObject({ params: { temperature: 0.3 }, seq: 3, status: "complete" });
    },
  );

  it("stores length when the provider stops at max tokens", async () => {
    await run(submit(), model(answer("Cut sh", [finish("length", "length")])));
    expect((await rows())[1]).toMatchObject({ status: "length", finishReason: "length", content: "Cut sh" });
  });

  it("stores error, with the partial answer, when the stream fails", async () => {
    const failing = answer("Half an", [{ type: "error", error: new Error("upstream exploded") }]);
    await run(submit(), model(failing));
    expect((await rows())[1]).toMatchObject({
      status: "error",
      content: "Half an",
      error: { retryable: true },
    });
  });

  it("stores error (incomplete_stream) when the stream ends without a finish reason", async () => {
    await run(submit(), model(answer("No end", [])));
    expect((await rows())[1]).toMatchObject({ status: "error", error: { code: "incomplete_stream" } });
  });

  it("a page going away does not stop the turn; Stop does, storing the partial answer as stopped", async () => {
    const res = await runChat("alice", submit(), deps(model(answer("Partial", []), true)));
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let seen = "";
    // Leave once the answer's first words have reached the page (an event, not a delay).
    while (!seen.includes("Partial")) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += decoder.decode(value);
    }
    await reader.cancel();
    expect((await rows())[1]).toMatchObject({ status: "streaming" });
    // Another page reattaches: the whole answer so far, then the end once stopped.
    const turn = activeTurns().find("alice", "c1");
    expect(turn?.stream).toBeDefined();
    const reattached = turn?.stream ? turnResponse(turn.stream).text() : Promise.resolve("");
    expect(activeTurns().stop("mallory", "c1")).toEqual([]);
    expect(activeTurns().stop("alice", "c1")).toEqual([(await rows())[1].id]);
    await turn?.stream?.finished;
    expect((await rows())[1]).toMatchObject({ status: "stopped", content: "Partial", instanceId: null });
    const again = await reattached;
    expect(again).toContain('"delta":"Partial"');
    expect(again).toContain('"status":"stopped"');
    expect(activeTurns().find("alice", "c1")).toBeUndefined();
  });

  describe("the provider is asked before the turn is written", () => {
    /** A model that runs `meanwhile` in its first call (another request's writes) before answering. */
    function racing(meanwhile: () => Promise<unknown>) {
      const signals: (AbortSignal | undefined)[] = [];
      const m = new MockLanguageModelV4({
        doStream: async (opts) => {
          signals.push(opts.abortSignal);
          if (signals.length === 1) await meanwhile();
          return model(answer("Answer.", [finish("stop")])).doStream(opts);
        },
      });
      return { m, signals };
    }

    it("calls the provider before anything of the turn is stored", async () => {
      let storedAtCall: unknown[] = [];
      const m = new MockLanguageModelV4({
        doStream: async (opts) => {
          storedAtCall = await rows();
          return model(answer("Early.", [finish("stop")])).doStream(opts);
        },
      });
      await run(submit(), m);
      expect(storedAtCall).toEqual([]);
      expect(await rows()).toMatchObject([{ id: "u1" }, { content: "Early.", status: "complete" }]);
    });

    it("a turn refused by its transaction (another request took the id meanwhile) cancels the call, storing nothing", async () => {
      const { m, signals } = racing(() =>
        q.ensureConversation(db, "bob", {
          id: "c1",
          title: "Bob's",
          providerId: "offline",
          modelId: "x",
          params: {},
        }),
      );
      const before = await dump();
      const err = await runChat("alice", submit(), deps(m)).catch((e) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err.status).toBe(409);
      expect(signals).toHaveLength(1);
      expect(signals[0]?.aborted).toBe(true);
      const after = await dump();
      expect(after.messages).toEqual(before.messages);
      expect(after.conversations).toHaveLength(1);
    });

    it("the conversation changed between the read and the transaction: the provider is asked again with what is stored", async () => {
      await run(submit(), model(answer("First.", [finish("stop")])));
      const { m, signals } = racing(() =>
        q.appendMessage(db, "alice", {
          id: "sneaked",
          conversationId: "c1",
          role: "user",
          content: "Sneaked in",
          createdAt: Date.now(),
        }),
      );
      await run(submit({ message: { id: "u2", text: "Second" } }), m);
      expect(signals).toHaveLength(2);
      expect(signals[0]?.aborted).toBe(true);
      const texts = (i: number) => JSON.stringify(m.doStreamCalls[i]?.prompt);
      expect(texts(0)).not.toContain("Sneaked in");
      expect(texts(1)).toContain("Sneaked in");
      expect(texts(1)).toContain("Second");
      expect((await rows()).map((r) => r.content)).toEqual([
        "Hello there",
        "First.",
        "Sneaked in",
        "Second",
        "Answer.",
      ]);
    });
  });

  it("refuses a turn beyond MAX_ACTIVE_TURNS with a 429 and Retry-After, storing nothing", async () => {
    const hanging = await runChat("alice", submit(), { ...deps(model(answer("Long", []), true)) });
    const before = await dump();
    const err = await runChat("alice", submit({ conversationId: "c2", message: { id: "u9", text: "Hi" } }), {
      ...deps(model(answer("Never", []))),
      maxActiveTurns: 1,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBe(429);
    expect(err.headers["retry-after"]).toMatch(/^\d+$/);
    expect(await dump()).toEqual(before);
    activeTurns().stop("alice", "c1");
    await hanging.text();
  });

  it("edits a user message: the shown branch is the new version, the earlier one is kept beside it", async () => {
    await run(submit(), model(answer("First.", [finish("stop")])));
    await run(
      submit({ message: { id: "u2", text: "Second" }, params: { temperature: 0.3 } }),
      model(answer("Second.", [finish("stop")])),
    );
    const edited = model(answer("Edited.", [finish("stop")]));
    const body = await run(submit({ message: { id: "u1", text: "Edited" } }), edited);
    expect((await rows()).map((r) => [r.id === "u1", r.role, r.content])).toEqual([
      [true, "user", "Edited"],
      [false, "assistant", "Edited."],
    ]);
    // The model got the edited message only, not the branch it replaced.
    expect(edited.doStreamCalls[0].prompt.map((p) => p.role)).toEqual(["user"]);
    // Nothing was deleted: the earlier version (with a new id) keeps its replies.
    const all = (await rawRows(
      db,
      sql.raw(
        "select id, content, active, parent_id from messages where conversation_id = 'c1' order by active, seq",
      ),
    )) as { id: string; content: string; active: number; parent_id: string | null }[];
    expect(all.map((m) => [m.content, Number(m.active)])).toEqual([
      ["Hello there", 0],
      ["First.", 0],
      ["Second", 0],
      ["Second.", 0],
      ["Edited", 1],
      ["Edited.", 1],
    ]);
    const old = all[0];
    expect(old.id).not.toBe("u1");
    expect(all[1].parent_id).toBe(old.id);
    // The stream tells the page that the prompt now has two versions, the new one last.
    expect(startMetadata(body).promptVersions).toEqual([old.id, "u1"]);
  });

  it("regenerates the answer to the last user message, keeping the earlier answer as a version", async () => {
    await run(submit(), model(answer("First.", [finish("stop")])));
    const firstId = (await rows())[1].id;
    const again = model(answer("Again.", [finish("stop")]));
    const body = await run(submit({ trigger: "regenerate", message: undefined }), again);
    expect((await rows()).map((r) => r.content)).toEqual(["Hello there", "Again."]);
    expect(again.doStreamCalls[0].prompt.map((p) => p.role)).toEqual(["user"]);
    expect(startMetadata(body).versions).toEqual([firstId, (await rows())[1].id]);
    // The next message follows the shown answer, and the versions stay with their message.
    await run(submit({ message: { id: "u2", text: "Next" } }), model(answer("Next.", [finish("stop")])));
    expect((await rows()).map((r) => r.content)).toEqual(["Hello there", "Again.", "Next", "Next."]);
    expect((await rows())[2].parentId).toBe((await rows())[1].id);
  });

  it("refuses a new message with the id of an earlier version (409 naming message.id)", async () => {
    await run(submit(), model(answer("First.", [finish("stop")])));
    await run(submit({ message: { id: "u1", text: "Edited" } }), model(answer("Edited.", [finish("stop")])));
    const { id } = (
      await rawRows(db, sql.raw("select id from messages where active = false and role = 'user'"))
    )[0] as {
      id: string;
    };
    const m = model(answer("Never.", [finish("stop")]));
    const err = await runChat("alice", submit({ message: { id, text: "Again" } }), deps(m)).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBe(409);
    expect(err.issues[0].field).toBe("message.id");
    expect(m.doStreamCalls).toHaveLength(0);
  });

  describe("a refused request stores nothing", () => {
    beforeEach(async () => {
      await run(submit(), model(answer("Stored.", [finish("stop")])));
      await q.ensureConversation(db, "bob", {
        id: "bobs",
        title: "b",
        providerId: "offline",
        modelId: "m",
        params: {},
      });
      await q.appendMessage(db, "bob", { id: "bob-msg", conversationId: "bobs", role: "user", content: "x" });
      await cq.createComparison(db, "alice", {
        id: "cmp",
        title: "New comparison",
        columns: ["col1", "col2"].map((id) => ({
          id,
          providerId: "offline",
          modelId: "offline/ngram",
          params: {},
        })),
      });
    });

    const cases: Array<[string, ChatRequest, number, string]> = [
      [
        "provider not configured",
        submit({ conversationId: "new", providerId: "aimlapi" }),
        400,
        "providerId",
      ],
      [
        "parameter over the model's limit",
        submit({ conversationId: "new", params: { maxTokens: 999_999 } }),
        400,
        "params.maxTokens",
      ],
      [
        "conversation id owned by someone else",
        submit({ conversationId: "bobs", message: { id: "n1", text: "hi" } }),
        409,
        "conversationId",
      ],
      [
        "message id used in another conversation",
        submit({ conversationId: "new", message: { id: "bob-msg", text: "hi" } }),
        409,
        "message.id",
      ],
      [
        "message id of my other conversation",
        submit({ conversationId: "col1", message: { id: "u1", text: "hi" } }),
        409,
        "message.id",
      ],
      [
        "editing an assistant message",
        submit({ message: { id: "ASSISTANT", text: "hi" } }),
        400,
        "message.id",
      ],
      [
        "regenerate in a new conversation",
        submit({ conversationId: "new", trigger: "regenerate", message: undefined }),
        400,
        "trigger",
      ],
      [
        "regenerate in a column with no user message",
        submit({ conversationId: "col1", trigger: "regenerate", message: undefined }),
        400,
        "trigger",
      ],
    ];

    for (const [name, req, status, field] of cases) {
      it(`${name}: ${status} naming ${field}`, async () => {
        if (req.message?.id === "ASSISTANT") req.message.id = (await rows())[1].id;
        const before = await dump();
        const m = model(answer("Never.", [finish("stop")]));
        const err = await runChat("alice", req, deps(m)).catch((e) => e);
        expect(err).toBeInstanceOf(AppError);
        expect(err.status).toBe(status);
        expect(err.issues[0].field).toBe(field);
        expect(m.doStreamCalls).toHaveLength(0);
        expect(await dump()).toEqual(before);
      });
    }

    it("a model that cannot be created", async () => {
      const before = await dump();
      const broken = () => {
        throw new Error("Provider offline has no base URL");
      };
      await expect(
        runChat("alice", submit({ conversationId: "new" }), {
          ...deps(model([])),
          createModel: broken,
        }),
      ).rejects.toThrow(/no base URL/);
      expect(await dump()).toEqual(before);
    });
  });
});
