import { beforeAll, describe, expect, it } from "vitest";
import { openTestAppDb } from "@/lib/testing/app-db";

// lib/db reads the environment once, on first use: point it at a fresh database before anything opens it.
await openTestAppDb("transfer");

const { getDb } = await import("@/lib/db");
const q = await import("@/db/queries/conversations");
const vq = await import("@/db/queries/versions");
const { exportConversation, importExport, conversationMarkdown } = await import("./transfer");

const OWNER = "local";

beforeAll(async () => {
  const db = getDb();
  await q.ensureConversation(db, OWNER, {
    id: "c1",
    title: "Bread <script>",
    providerId: "offline",
    modelId: "offline/ngram",
    params: { temperature: 0.3, stop: ["##"] },
  });
  await q.appendMessages(db, OWNER, "c1", [
    { id: "u1", role: "user", content: "How do I bake bread?", createdAt: 1000 },
    {
      id: "a1",
      role: "assistant",
      content: "Knead it.",
      reasoning: "Think </details> about flour",
      providerId: "offline",
      modelId: "offline/ngram",
      params: { temperature: 0.3 },
      paramsSent: { temperature: 0.3, max_tokens: 100 },
      usage: { promptTokens: 5, completionTokens: 9, reasoningTokens: 4 },
      timings: { firstReasoningMs: 10, firstAnswerMs: 50, totalMs: 90, tokensPerSecond: 100 },
      finishReason: "stop",
      status: "complete",
      createdAt: 2000,
    },
  ]);
});

const strip = (e: Awaited<ReturnType<typeof exportConversation>>) => ({
  ...e.conversation,
  id: undefined,
  updatedAt: undefined,
  createdAt: undefined,
  messages: e.conversation.messages.map((m) => ({ ...m, id: undefined })),
});

describe("export and import", () => {
  it("round-trips a conversation losslessly as a new conversation", async () => {
    const exported = await exportConversation(OWNER, "c1");
    const result = await importExport(OWNER, JSON.stringify(exported));
    expect(result.kind).toBe("conversation");
    expect(result.id).not.toBe("c1");
    expect(strip(await exportConversation(OWNER, result.id))).toEqual(strip(exported));
  });

  it("round-trips earlier versions (a regenerated answer, an edited prompt's branch) with new ids", async () => {
    const db = getDb();
    await q.ensureConversation(db, OWNER, {
      id: "cv",
      title: "Versions",
      providerId: "offline",
      modelId: "offline/ngram",
      params: {},
    });
    // u1 → a1 (hidden: regenerated as a2) ; a2 → u2 → a3, with u2's earlier version u2old → a3old hidden.
    await q.appendMessages(db, OWNER, "cv", [
      { id: "v-u1", role: "user", content: "First", createdAt: 1 },
      { id: "v-a2", role: "assistant", content: "Second answer", status: "complete", createdAt: 3 },
      { id: "v-u2", role: "user", content: "Edited follow-up", createdAt: 6 },
      { id: "v-a3", role: "assistant", content: "Answer to edited", status: "complete", createdAt: 7 },
    ]);
    await vq.insertHiddenVersion(db, {
      id: "v-a1",
      conversationId: "cv",
      parentId: "v-u1",
      seq: 1,
      role: "assistant",
      content: "First answer",
      selected: false,
      createdAt: 2,
    });
    await vq.insertHiddenVersion(db, {
      id: "v-u2old",
      conversationId: "cv",
      parentId: "v-a2",
      seq: 2,
      role: "user",
      content: "Follow-up",
      selected: false,
      createdAt: 4,
    });
    await vq.insertHiddenVersion(db, {
      id: "v-a3old",
      conversationId: "cv",
      parentId: "v-u2old",
      seq: 3,
      role: "assistant",
      content: "Answer to follow-up",
      selected: true,
      createdAt: 5,
    });

    const exported = await exportConversation(OWNER, "cv");
    expect(exported.conversation.versions?.map((v) => [v.content, v.parentId, v.selected])).toEqual([
      ["First answer", "v-u1", false],
      ["Follow-up", "v-a2", false],
      ["Answer to follow-up", "v-u2old", true],
    ]);
    const { id } = await importExport(OWNER, JSON.stringify(exported));
    const again = (await exportConversation(OWNER, id)).conversation;
    expect(again.messages.map((m) => m.content)).toEqual(
      exported.conversation.messages.map((m) => m.content),
    );
    const byId = new Map([...again.messages, ...(again.versions ?? [])].map((m) => [m.id, m]));
    expect(
      again.versions?.map((v) => [v.content, v.parentId ? byId.get(v.parentId)?.content : null, v.selected]),
    ).toEqual([
      ["First answer", "First", false],
      ["Follow-up", "Second answer", false],
      ["Answer to follow-up", "Follow-up", true],
    ]);
    expect(again.versions?.some((v) => v.id.startsWith("v-"))).toBe(false);
    // Selecting the earlier follow-up brings back its answer.
    const old = again.versions?.find((v) => v.content === "Follow-up");
    const r = await vq.selectVersion(db, OWNER, id, old?.id ?? "");
    expect(r.ok && r.rows.map((m) => m.content)).toEqual(["Follow-up", "Answer to follow-up"]);
  });

  it("refuses a version whose parent is not in the file, naming it", async () => {
    const exported = await exportConversation(OWNER, "c1");
    const bad = {
      ...exported,
      conversation: {
        ...exported.conversation,
        versions: [{ ...exported.conversation.messages[1], id: "x1", parentId: "nowhere", selected: false }],
      },
    };
    await expect(importExport(OWNER, JSON.stringify(bad))).rejects.toThrow(
      expect.objectContaining({
        issues: [expect.objectContaining({ field: "conversation.versions.0.parentId" })],
      }),
    );
  });

  it.each([
    ["not JSON", "{nope", "file"],
    ["wrong format", JSON.stringify({ format: "other" }), "format"],
    [
      "bad parameter",
      JSON.stringify({
        format: "speciale-playground/conversation",
        version: 1,
        exportedAt: 1,
        conversation: {
          title: "x",
          providerId: "offline",
          modelId: "m",
          params: { temperature: 9 },
          createdAt: 1,
          updatedAt: 1,
          messages: [],
        },
      }),
      "conversation.params.temperature",
    ],
  ])("refuses %s, naming the field, and creates nothing", async (_name, text, field) => {
    const before = (await q.listConversations(getDb(), OWNER, { limit: 100 })).length;
    await expect(importExport(OWNER, text)).rejects.toThrow(expect.objectContaining({ status: 400 }));
    try {
      await importExport(OWNER, text);
    } catch (e) {
      expect((e as { issues: { field: string }[] }).issues[0].field).toBe(field);
    }
    expect((await q.listConversations(getDb(), OWNER, { limit: 100 })).length).toBe(before);
  });

  it("refuses files nested too deep or with too long arrays with a 400 naming the field, creating nothing", async () => {
    const before = (await q.listConversations(getDb(), OWNER, { limit: 100 })).length;
    // The file as text: nesting this deep cannot even be built with JSON.stringify (it overflows the stack,
    // as it would when the row is stored, had the import got that far).
    const file = (paramsSentJson: string) =>
      `{"format":"speciale-playground/conversation","version":1,"exportedAt":1,"conversation":{"title":"Bounded","providerId":"offline","modelId":"offline/ngram","params":{},"createdAt":1,"updatedAt":1,"messages":[{"role":"assistant","content":"x","createdAt":1,"paramsSent":${paramsSentJson}}]}}`;
    const cases: Array<[string, RegExp]> = [
      [
        `{"a":${"[".repeat(100_000)}${"]".repeat(100_000)}}`,
        /^conversation\.messages\.0\.paramsSent\.a(\.0)+$/,
      ],
      [`{"a":${JSON.stringify(Array(20_000).fill(0))}}`, /^conversation\.messages\.0\.paramsSent\.a$/],
    ];
    for (const [paramsSent, field] of cases) {
      const err = await (async () => {
        try {
          await importExport(OWNER, file(paramsSent));
        } catch (e) {
          return e as { status: number; issues: { field: string }[] };
        }
      })();
      expect(err?.status).toBe(400);
      expect(err?.issues[0].field).toMatch(field);
    }
    expect((await q.listConversations(getDb(), OWNER, { limit: 100 })).length).toBe(before);
    expect((await importExport(OWNER, file('{"a":[[1]]}'))).kind).toBe("conversation");
  });

  it("writes readable Markdown with reasoning in a collapsible block that cannot be closed early", async () => {
    const md = conversationMarkdown(await exportConversation(OWNER, "c1"));
    expect(md).toContain("# Bread <script>");
    expect(md).toContain("<details><summary>Reasoning");
    expect(md).toContain("Think &lt;/details&gt; about flour");
    expect(md).toContain("temperature 0.3");
    expect(md.match(/<\/details>/g)).toHaveLength(1);
  });
});
