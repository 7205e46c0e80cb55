import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { search } from "@/lib/search/search";
import { MARK_END, MARK_START } from "@/lib/search/snippet";
import { type Db, openDb } from "../client";
import * as cq from "./comparisons";
import * as q from "./conversations";
import * as turn from "./turn";

let dir: string;
let db: Db;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pg-search-"));
  db = openDb(path.join(dir, "test.db"));
});
afterEach(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const chat = (id: string, title = id, owner = "alice", at = 1000) =>
  q.ensureConversation(
    db,
    owner,
    { id, title, providerId: "offline", modelId: "offline/ngram", params: {} },
    at,
  );
let clock = 0;
const say = (conversationId: string, id: string, content: string, reasoning?: string, owner = "alice") =>
  q.appendMessage(db, owner, {
    id,
    conversationId,
    role: reasoning === undefined ? "user" : "assistant",
    content,
    reasoning,
    createdAt: ++clock,
  });
const find = (text: string, owner = "alice") => search(owner, text, db);
const plain = (s: string) => s.replaceAll(MARK_START, "[").replaceAll(MARK_END, "]");
/** Rows of the FTS5 index's own storage: unchanged means nothing was written to the index. */
const indexPages = () =>
  db.$client.prepare("select count(*) n, sum(length(block)) bytes from messages_fts_data").get();

describe("search", () => {
  it("finds words in answers, reasoning and titles, with marked snippets, scoped by owner", () => {
    chat("c1", "Whale songs");
    say("c1", "u1", "Why do humpbacks sing?");
    say("c1", "a1", "Mostly during breeding season.", "The user asks about cetacean acoustics.");
    chat("c2", "Other", "bob");
    say("c2", "b1", "humpbacks are mine", undefined, "bob");

    expect(find("humpbacks")).toMatchObject([
      { conversationId: "c1", messageId: "u1", role: "user", field: "content", title: "Whale songs" },
    ]);
    expect(plain(find("humpbacks")[0].snippet)).toBe("Why do [humpbacks] sing?");
    const reasoning = find("acoustics");
    expect(reasoning).toMatchObject([{ messageId: "a1", role: "assistant", field: "reasoning" }]);
    expect(plain(reasoning[0].snippet)).toContain("[acoustics]");
    expect(find("whale")).toMatchObject([{ conversationId: "c1", messageId: null, field: "title" }]);
    expect(plain(find("whale")[0].title)).toBe("[Whale] songs");
    expect(find("humpbacks", "bob").map((r) => r.conversationId)).toEqual(["c2"]);
    expect(find("breeding", "carol")).toEqual([]);
  });

  it("matches prefixes while typing, ignores diacritics and case, and needs every word", () => {
    chat("c1");
    say("c1", "u1", "Le Café de Flore à Paris");
    expect(find("flor").map((r) => r.messageId)).toEqual(["u1"]);
    expect(find("CAFE flore").map((r) => r.messageId)).toEqual(["u1"]);
    expect(find("caf")).toEqual([]);
    expect(find("cafe london")).toEqual([]);
    expect(find("caf ")).toEqual([]);
  });

  it("answers any punctuation or operator without an error; punctuation alone finds nothing", () => {
    chat("c1");
    say("c1", "u1", 'He said "NEAR" and OR: x-y * z');
    for (const text of ['"', "*", "-", ":", "AND", "OR", "NEAR(", 'said "near', "x-y", "()", "^"]) {
      expect(() => find(text), text).not.toThrow();
    }
    expect(find('"*-:')).toEqual([]);
    expect(find('said "NEAR"').map((r) => r.messageId)).toEqual(["u1"]);
    expect(find("x-y").map((r) => r.messageId)).toEqual(["u1"]);
  });

  it("indexes a streaming answer only once it is complete; flushes do not write the index", () => {
    chat("c1");
    say("c1", "u1", "question");
    turn.appendStreamingAnswer(db, {
      id: "a1",
      conversationId: "c1",
      instanceId: null,
      createdAt: 2000,
      providerId: "offline",
      modelId: "offline/ngram",
      params: {},
    });
    const before = indexPages();
    turn.flushAnswer(db, "alice", "c1", "a1", { content: "partial narwhal", reasoning: "thinking tusk" });
    turn.flushAnswer(db, "alice", "c1", "a1", {
      content: "partial narwhal answer",
      reasoning: "thinking tusk more",
    });
    expect(indexPages()).toEqual(before);
    expect(find("narwhal")).toEqual([]);

    q.updateMessage(db, "alice", "c1", "a1", {
      content: "final narwhal answer",
      reasoning: "thinking tusk more",
      status: "complete",
    });
    expect(find("narwhal").map((r) => r.messageId)).toEqual(["a1"]);
    expect(find("tusk").map((r) => [r.messageId, r.field])).toEqual([["a1", "reasoning"]]);
    expect(find("partial")).toEqual([]);
  });

  it("follows updates, deletes, renames and cascades", () => {
    chat("c1", "Old title");
    say("c1", "u1", "first words");
    say("c1", "a1", "an answer", "some reasoning");
    q.updateMessage(db, "alice", "c1", "a1", { content: "a better answer" });
    expect(find("better").map((r) => r.messageId)).toEqual(["a1"]);
    expect(find("an answer ").map((r) => r.messageId)).toEqual([]);
    // An earlier version (a branch not shown) is not offered: the page could not open at it.
    db.$client.prepare("update messages set active = 0 where id = 'a1'").run();
    expect(find("better")).toEqual([]);
    db.$client.prepare("update messages set active = 1 where id = 'a1'").run();
    // A stopped answer keeps its text and stays found.
    q.updateMessage(db, "alice", "c1", "a1", { status: "stopped" });
    expect(find("better").map((r) => r.messageId)).toEqual(["a1"]);

    q.renameConversation(db, "alice", "c1", "Brand new title");
    expect(find("old")).toEqual([]);
    expect(find("brand").map((r) => r.conversationId)).toEqual(["c1"]);

    db.$client.prepare("delete from messages where conversation_id = 'c1' and seq >= 1").run();
    expect(find("better")).toEqual([]);
    expect(find("first").map((r) => r.messageId)).toEqual(["u1"]);

    q.deleteConversation(db, "alice", "c1");
    expect(find("first")).toEqual([]);
    expect(find("brand")).toEqual([]);
    db.$client.exec("insert into messages_fts (messages_fts) values ('integrity-check')");
    db.$client.exec("insert into conversations_fts (conversations_fts) values ('integrity-check')");
  });

  it("opens comparisons: columns' results carry the comparison, a shared question shows once", () => {
    const columns = ["k0", "k1", "k2"].map((id) => ({
      id,
      providerId: "offline",
      modelId: "offline/ngram",
      params: {},
    }));
    cq.createComparison(db, "alice", { id: "cmp", title: "Temperature sweep", columns });
    for (const c of columns) {
      say(c.id, `${c.id}-u`, "Describe an octopus");
      say(c.id, `${c.id}-a`, `An octopus has three hearts (${c.id})`, "cephalopod facts");
    }
    expect(find("temperature")).toMatchObject([
      { comparisonId: "cmp", conversationId: null, messageId: null, field: "title" },
    ]);
    const hits = find("octopus");
    expect(hits.every((r) => r.comparisonId === "cmp")).toBe(true);
    expect(hits.filter((r) => r.role === "user")).toHaveLength(1);
    expect(hits).toHaveLength(3);
    cq.renameComparison(db, "alice", "cmp", "Hot and cold");
    expect(find("temperature")).toEqual([]);
    expect(find("cold")).toMatchObject([{ comparisonId: "cmp" }]);
    cq.deleteComparison(db, "alice", "cmp");
    expect(find("octopus")).toEqual([]);
    expect(find("cold")).toEqual([]);
  });

  it("ranks by relevance, the newer first on ties, and limits one conversation's share of the list", () => {
    chat("old", "a", "alice", 1000);
    chat("new", "b", "alice", 2000);
    say("old", "o1", "squid");
    say("new", "n1", "squid");
    const order = find("squid").map((r) => r.messageId);
    expect(order).toEqual(["n1", "o1"]);
    chat("many", "c");
    for (let i = 0; i < 6; i++) say("many", `m${i}`, `kraken number ${i}`);
    say("new", "n2", "kraken kraken kraken");
    // Each message gets its own snippet, also among equally ranked matches of one conversation.
    say("many", "s1", "the squid is blue");
    say("many", "s2", "the squid is red");
    const squid = find("squid");
    expect(squid.map((r) => [r.messageId, plain(r.snippet)])).toEqual([
      ["n1", "[squid]"],
      ["o1", "[squid]"],
      ["s2", "the [squid] is red"],
      ["s1", "the [squid] is blue"],
    ]);
    const kraken = find("kraken");
    expect(kraken[0].messageId).toBe("n2");
    expect(kraken.filter((r) => r.conversationId === "many")).toHaveLength(3);
  });
});
