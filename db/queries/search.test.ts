import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { search } from "@/lib/search/search";
import { MARK_END, MARK_START } from "@/lib/search/snippet";
import { type Db, execute, rows } from "../client";
import { messagesIndexCounts, onPostgres, openTestDb, sqliteOf, type TestDb } from "../test-db";
import * as cq from "./comparisons";
import * as q from "./conversations";
import { sweepInterrupted } from "./instances";
import * as turn from "./turn";

let testDb: TestDb;
let db: Db;

beforeEach(async () => {
  testDb = await openTestDb("pg_search");
  db = testDb.db;
});
afterEach(async () => {
  await testDb.close();
});

const chat = async (id: string, title = id, owner = "alice", at = 1000) =>
  await q.ensureConversation(
    db,
    owner,
    { id, title, providerId: "offline", modelId: "offline/ngram", params: {} },
    at,
  );
let clock = 0;
const say = async (
  conversationId: string,
  id: string,
  content: string,
  reasoning?: string,
  owner = "alice",
) =>
  await q.appendMessage(db, owner, {
    id,
    conversationId,
    role: reasoning === undefined ? "user" : "assistant",
    content,
    reasoning,
    createdAt: ++clock,
  });
const find = async (text: string, owner = "alice") => await search(owner, text, db);
const plain = (s: string) => s.replaceAll(MARK_START, "[").replaceAll(MARK_END, "]");
/** Rows of the FTS5 index's own storage: unchanged means nothing was written to the index. */
/** (SQLite's FTS5 tables; PostgreSQL's vector is a generated column, NULL while streaming, by construction.) */
const indexPages = async () =>
  onPostgres
    ? null
    : (await rows(db, sql.raw("select count(*) n, sum(length(block)) bytes from messages_fts_data")))[0];

describe("search", () => {
  it("finds words in answers, reasoning and titles, with marked snippets, scoped by owner", async () => {
    await chat("c1", "Whale songs");
    await say("c1", "u1", "Why do humpbacks sing?");
    await say("c1", "a1", "Mostly during breeding season.", "The user asks about cetacean acoustics.");
    await chat("c2", "Other", "bob");
    await say("c2", "b1", "humpbacks are mine", undefined, "bob");

    expect(await find("humpbacks")).toMatchObject([
      { conversationId: "c1", messageId: "u1", role: "user", field: "content", title: "Whale songs" },
    ]);
    expect(plain((await find("humpbacks"))[0].snippet)).toBe("Why do [humpbacks] sing?");
    const reasoning = await find("acoustics");
    expect(reasoning).toMatchObject([{ messageId: "a1", role: "assistant", field: "reasoning" }]);
    expect(plain(reasoning[0].snippet)).toContain("[acoustics]");
    expect(await find("whale")).toMatchObject([{ conversationId: "c1", messageId: null, field: "title" }]);
    expect(plain((await find("whale"))[0].title)).toBe("[Whale] songs");
    expect((await find("humpbacks", "bob")).map((r) => r.conversationId)).toEqual(["c2"]);
    expect(await find("breeding", "carol")).toEqual([]);
  });

  it("matches prefixes while typing, ignores diacritics and case, and needs every word", async () => {
    await chat("c1");
    await say("c1", "u1", "Le Café de Flore à Paris");
    expect((await find("flor")).map((r) => r.messageId)).toEqual(["u1"]);
    expect((await find("CAFE flore")).map((r) => r.messageId)).toEqual(["u1"]);
    expect(await find("caf")).toEqual([]);
    expect(await find("cafe london")).toEqual([]);
    expect(await find("caf ")).toEqual([]);
  });

  it("answers any punctuation or operator without an error; punctuation alone finds nothing", async () => {
    await chat("c1");
    await say("c1", "u1", 'He said "NEAR" and OR: x-y * z');
    for (const text of ['"', "*", "-", ":", "AND", "OR", "NEAR(", 'said "near', "x-y", "()", "^"]) {
      await expect(find(text), text).resolves.not.toThrow();
    }
    expect(await find('"*-:')).toEqual([]);
    expect((await find('said "NEAR"')).map((r) => r.messageId)).toEqual(["u1"]);
    expect((await find("x-y")).map((r) => r.messageId)).toEqual(["u1"]);
  });

  it("indexes a streaming answer only once it is complete; flushes do not write the index", async () => {
    await chat("c1");
    await say("c1", "u1", "question");
    await turn.appendStreamingAnswer(db, {
      id: "a1",
      conversationId: "c1",
      instanceId: null,
      createdAt: 2000,
      providerId: "offline",
      modelId: "offline/ngram",
      params: {},
    });
    const before = await indexPages();
    await turn.flushAnswer(db, "alice", "c1", "a1", {
      content: "partial narwhal",
      reasoning: "thinking tusk",
    });
    await turn.flushAnswer(db, "alice", "c1", "a1", {
      content: "partial narwhal answer",
      reasoning: "thinking tusk more",
    });
    expect(await indexPages()).toEqual(before);
    expect(await find("narwhal")).toEqual([]);

    await q.updateMessage(db, "alice", "c1", "a1", {
      content: "final narwhal answer",
      reasoning: "thinking tusk more",
      status: "complete",
    });
    expect((await find("narwhal")).map((r) => r.messageId)).toEqual(["a1"]);
    expect((await find("tusk")).map((r) => [r.messageId, r.field])).toEqual([["a1", "reasoning"]]);
    expect(await find("partial")).toEqual([]);
  });

  /** A turn as run-chat writes it: its streaming answer first, then the new prompt (when it has one). */
  const startTurn = async (
    conversationId: string,
    answerId: string,
    prompt: { id: string; text: string; seq: number; parentId: string | null } | undefined,
    at: { parentId: string; seq: number },
  ) => {
    await turn.appendStreamingAnswer(
      db,
      {
        id: answerId,
        conversationId,
        instanceId: "gone",
        createdAt: ++clock,
        providerId: "offline",
        modelId: "offline/ngram",
        params: {},
      },
      at,
    );
    if (prompt) {
      await turn.appendUserMessage(
        db,
        { id: prompt.id, conversationId, content: prompt.text, createdAt: ++clock },
        { parentId: prompt.parentId, seq: prompt.seq },
      );
    }
  };
  /** FTS5's own check, and its row count against its docsize rows (messagesIndexCounts). */
  const integrityCheck = () => {
    if (onPostgres) return;
    const { indexed, docsize } = messagesIndexCounts(sqliteOf(db));
    expect(docsize).toBe(indexed);
  };
  const ids = async (text: string) => (await find(text)).map((r) => r.messageId);

  it("indexes a turn's prompt with its answer, at the answer's end: the turn itself writes no index page", async () => {
    await chat("c1");
    const before = await indexPages();
    await startTurn(
      "c1",
      "a1",
      { id: "u1", text: "tell me about axolotls", seq: 0, parentId: null },
      {
        parentId: "u1",
        seq: 1,
      },
    );
    expect(await indexPages()).toEqual(before);
    // SQLite waits for the answer; PostgreSQL's generated vector has the prompt at once.
    expect(await ids("axolotls")).toEqual(onPostgres ? ["u1"] : []);
    await turn.flushAnswer(db, "alice", "c1", "a1", { content: "gills", reasoning: "" });
    await q.updateMessage(db, "alice", "c1", "a1", { content: "external gills", status: "complete" });
    expect(await ids("axolotls")).toEqual(["u1"]);
    expect(await ids("gills")).toEqual(["a1"]);
    integrityCheck();

    // A regenerated answer: its prompt was indexed already, and stays found while the new version streams.
    await turn.deactivateFrom(db, "c1", 1);
    await startTurn("c1", "a2", undefined, { parentId: "u1", seq: 1 });
    expect(await ids("axolotls")).toEqual(["u1"]);
    await q.updateMessage(db, "alice", "c1", "a2", { content: "they regrow limbs", status: "complete" });
    expect(await ids("axolotls")).toEqual(["u1"]);
    expect(await ids("regrow")).toEqual(["a2"]);
    integrityCheck();

    // A follow-up whose answer is stopped or fails: its prompt is found too.
    await startTurn(
      "c1",
      "a3",
      { id: "u3", text: "and newts", seq: 2, parentId: "a2" },
      { parentId: "u3", seq: 3 },
    );
    await q.updateMessage(db, "alice", "c1", "a3", { status: "stopped" });
    expect(await ids("newts")).toEqual(["u3"]);
    integrityCheck();
  });

  it("indexes the prompt of an answer marked interrupted, and deletes a prompt that was never indexed cleanly", async () => {
    await chat("c1");
    await startTurn(
      "c1",
      "a1",
      { id: "u1", text: "salamander question", seq: 0, parentId: null },
      {
        parentId: "u1",
        seq: 1,
      },
    );
    await turn.flushAnswer(db, "alice", "c1", "a1", { content: "partial amphibian", reasoning: "" });
    expect(await sweepInterrupted(db, () => true)).toBe(1);
    expect(await ids("salamander")).toEqual(["u1"]);
    expect(await ids("amphibian")).toEqual(["a1"]);
    integrityCheck();

    // Deleted while its answer streams: nothing of it was indexed, and nothing is left behind.
    await chat("c2");
    await startTurn(
      "c2",
      "b1",
      { id: "v1", text: "unanswered salamander", seq: 0, parentId: null },
      {
        parentId: "v1",
        seq: 1,
      },
    );
    await q.deleteConversation(db, "alice", "c2");
    expect(await ids("salamander")).toEqual(["u1"]);
    integrityCheck();
  });

  it("follows updates, deletes, renames and cascades", async () => {
    await chat("c1", "Old title");
    await say("c1", "u1", "first words");
    await say("c1", "a1", "an answer", "some reasoning");
    await q.updateMessage(db, "alice", "c1", "a1", { content: "a better answer" });
    expect((await find("better")).map((r) => r.messageId)).toEqual(["a1"]);
    expect((await find("an answer ")).map((r) => r.messageId)).toEqual([]);
    // An earlier version (a branch not shown) is not offered: the page could not open at it.
    await execute(db, sql.raw("update messages set active = false where id = 'a1'"));
    expect(await find("better")).toEqual([]);
    await execute(db, sql.raw("update messages set active = true where id = 'a1'"));
    // A stopped answer keeps its text and stays found.
    await q.updateMessage(db, "alice", "c1", "a1", { status: "stopped" });
    expect((await find("better")).map((r) => r.messageId)).toEqual(["a1"]);

    await q.renameConversation(db, "alice", "c1", "Brand new title");
    expect(await find("old")).toEqual([]);
    expect((await find("brand")).map((r) => r.conversationId)).toEqual(["c1"]);

    await execute(db, sql.raw("delete from messages where conversation_id = 'c1' and seq >= 1"));
    expect(await find("better")).toEqual([]);
    expect((await find("first")).map((r) => r.messageId)).toEqual(["u1"]);

    await q.deleteConversation(db, "alice", "c1");
    expect(await find("first")).toEqual([]);
    expect(await find("brand")).toEqual([]);
    if (!onPostgres) {
      sqliteOf(db).exec("insert into messages_fts (messages_fts) values ('integrity-check')");
      sqliteOf(db).exec("insert into conversations_fts (conversations_fts) values ('integrity-check')");
    }
  });

  it("opens comparisons: columns' results carry the comparison, a shared question shows once", async () => {
    const columns = ["k0", "k1", "k2"].map((id) => ({
      id,
      providerId: "offline",
      modelId: "offline/ngram",
      params: {},
    }));
    await cq.createComparison(db, "alice", { id: "cmp", title: "Temperature sweep", columns });
    for (const c of columns) {
      await say(c.id, `${c.id}-u`, "Describe an octopus");
      await say(c.id, `${c.id}-a`, `An octopus has three hearts (${c.id})`, "cephalopod facts");
    }
    expect(await find("temperature")).toMatchObject([
      { comparisonId: "cmp", conversationId: null, messageId: null, field: "title" },
    ]);
    const hits = await find("octopus");
    expect(hits.every((r) => r.comparisonId === "cmp")).toBe(true);
    expect(hits.filter((r) => r.role === "user")).toHaveLength(1);
    expect(hits).toHaveLength(3);
    await cq.renameComparison(db, "alice", "cmp", "Hot and cold");
    expect(await find("temperature")).toEqual([]);
    expect(await find("cold")).toMatchObject([{ comparisonId: "cmp" }]);
    await cq.deleteComparison(db, "alice", "cmp");
    expect(await find("octopus")).toEqual([]);
    expect(await find("cold")).toEqual([]);
  });

  it("ranks by relevance, the newer first on ties, and limits one conversation's share of the list", async () => {
    await chat("old", "a", "alice", 1000);
    await chat("new", "b", "alice", 2000);
    await say("old", "o1", "squid");
    await say("new", "n1", "squid");
    const order = (await find("squid")).map((r) => r.messageId);
    expect(order).toEqual(["n1", "o1"]);
    await chat("many", "c");
    for (let i = 0; i < 6; i++) await say("many", `m${i}`, `kraken number ${i}`);
    await say("new", "n2", "kraken kraken kraken");
    // Each message gets its own snippet, also among equally ranked matches of one conversation.
    await say("many", "s1", "the squid is blue");
    await say("many", "s2", "the squid is red");
    const squid = await find("squid");
    expect(squid.map((r) => [r.messageId, plain(r.snippet)])).toEqual([
      ["n1", "[squid]"],
      ["o1", "[squid]"],
      ["s2", "the [squid] is red"],
      ["s1", "the [squid] is blue"],
    ]);
    const kraken = await find("kraken");
    expect(kraken[0].messageId).toBe("n2");
    expect(kraken.filter((r) => r.conversationId === "many")).toHaveLength(3);
  });
});
