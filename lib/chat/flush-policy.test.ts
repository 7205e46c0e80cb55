import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import * as q from "@/db/queries/conversations";
import { onPostgres, openTestDb, sqliteOf, type TestDb } from "@/db/test-db";
import { FLUSH_MIN_INTERVAL_MS, shouldFlush } from "./flush-policy";

/** A stream of `tokens` 4-character tokens at `perSecond`, half reasoning then half answer, on a fake clock. */
function* stream(tokens: number, perSecond: number) {
  const words = ["alph", "beta", "gamm", "delt", "epsi", "zeta", "eta ", "thet"];
  let reasoning = "";
  let text = "";
  for (let i = 0; i < tokens; i++) {
    const token = words[i % words.length] ?? "";
    if (i < tokens / 2) reasoning += token;
    else text += token;
    yield { now: Math.round((i * 1000) / perSecond), reasoning, text };
  }
}

/** Plays a stream through a flush policy; returns the characters written by partial flushes and their count. */
function play(tokens: number, perSecond: number, onFlush: (s: { reasoning: string; text: string }) => void) {
  let lastFlushAt = 0;
  let flushedChars = 0;
  let written = 0;
  let flushes = 0;
  let last = { reasoning: "", text: "" };
  for (const s of stream(tokens, perSecond)) {
    const totalChars = s.text.length + s.reasoning.length;
    if (shouldFlush({ now: s.now, lastFlushAt, flushedChars, totalChars })) {
      lastFlushAt = s.now;
      flushedChars = totalChars;
      written += totalChars;
      flushes++;
      onFlush(s);
    }
    last = s;
  }
  return { written, flushes, final: last };
}

describe("shouldFlush", () => {
  it("waits a second, then flushes whatever has arrived", async () => {
    const at = (now: number, totalChars: number) =>
      shouldFlush({ now, lastFlushAt: 0, flushedChars: 0, totalChars });
    expect(at(FLUSH_MIN_INTERVAL_MS - 1, 5000)).toBe(false);
    expect(at(FLUSH_MIN_INTERVAL_MS, 3)).toBe(true);
    expect(at(FLUSH_MIN_INTERVAL_MS, 0)).toBe(false);
  });

  it("after a flush, waits until the unflushed text is three times what is stored", async () => {
    const flushAt = (totalChars: number) =>
      shouldFlush({ now: 10_000, lastFlushAt: 5000, flushedChars: 1000, totalChars });
    expect(flushAt(3999)).toBe(false);
    expect(flushAt(4000)).toBe(true);
    expect(shouldFlush({ now: 5500, lastFlushAt: 5000, flushedChars: 1000, totalChars: 90_000 })).toBe(false);
  });

  it("partial flushes of a 20,000-token answer write at most 4/3 of its size, in a handful of writes", async () => {
    for (const perSecond of [500, 40]) {
      const { written, flushes, final } = play(20_000, perSecond, () => {});
      const size = final.text.length + final.reasoning.length;
      expect(written / size, `${perSecond} tok/s`).toBeLessThanOrEqual(4 / 3);
      expect(flushes, `${perSecond} tok/s`).toBeGreaterThanOrEqual(3);
      expect(flushes, `${perSecond} tok/s`).toBeLessThan(15);
    }
  });
});

describe.skipIf(onPostgres)("WAL bytes per streamed answer (real SQLite file)", () => {
  let testDb: TestDb;
  let db: Db;
  beforeEach(async () => {
    testDb = await openTestDb("pg_flush");
    db = testDb.db;
  });
  afterEach(async () => {
    await testDb.close();
  });

  it("stays within 3× the answer's size, partial flushes and final write included", async () => {
    await q.ensureConversation(db, "alice", {
      id: "c1",
      title: "t",
      providerId: "offline",
      modelId: "offline/ngram",
      params: {},
    });
    await q.appendMessage(db, "alice", {
      id: "a1",
      conversationId: "c1",
      role: "assistant",
      status: "streaming",
    });
    const sqlite = sqliteOf(db);
    sqlite.pragma("wal_autocheckpoint = 0");
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    const wal = `${sqlite.name}-wal`;
    const before = fs.statSync(wal).size;

    const writes: Promise<void>[] = [];
    const { final } = play(20_000, 500, (s) => {
      writes.push(q.updateMessage(db, "alice", "c1", "a1", { content: s.text, reasoning: s.reasoning }));
    });
    await Promise.all(writes);
    await q.updateMessage(db, "alice", "c1", "a1", {
      content: final.text,
      reasoning: final.reasoning,
      status: "complete",
    });
    const walBytes = fs.statSync(wal).size - before;
    const answerBytes = Buffer.byteLength(final.text) + Buffer.byteLength(final.reasoning);
    expect(walBytes / answerBytes).toBeLessThanOrEqual(3);
  });
});
