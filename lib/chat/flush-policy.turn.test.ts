import fs from "node:fs";
import { MockLanguageModelV4 } from "ai/test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { onPostgres, openTestDb, sqliteOf, type TestDb } from "@/db/test-db";
import { openTestAppDb } from "@/lib/testing/app-db";
import { runChat } from "./run-chat";

type StreamPart =
  Awaited<ReturnType<MockLanguageModelV4["doStream"]>>["stream"] extends ReadableStream<infer P> ? P : never;

// The provider registry reads providers set in /settings from lib/db's database: an empty one, in memory.
await openTestAppDb("turn_wal", { memory: true });

/** The frames of a WAL file: which page each wrote, and whether it ends a transaction (commit). */
function walFrames(file: string): { pageSize: number; frames: { page: number; commit: boolean }[] } {
  const b = fs.readFileSync(file);
  if (b.length < 32) return { pageSize: 0, frames: [] };
  const pageSize = b.readUInt32BE(8);
  const frames = [];
  for (let at = 32; at + 24 + pageSize <= b.length; at += 24 + pageSize) {
    frames.push({ page: b.readUInt32BE(at), commit: b.readUInt32BE(at + 4) !== 0 });
  }
  return { pageSize, frames };
}

/** An answer of about `words` words of prose, as a model writes it. */
function prose(words: number): string {
  const vocabulary = [
    "tides",
    "rise",
    "and",
    "fall",
    "twice",
    "each",
    "lunar",
    "day",
    "because",
    "the",
    "moon",
  ];
  const out: string[] = [];
  for (let i = 0; i < words; i++)
    out.push(`${vocabulary[(i * 7) % vocabulary.length]}${i % 13 === 0 ? i : ""}`);
  return out.join(" ");
}

describe.skipIf(onPostgres)("a chat turn's WAL, page by page (real SQLite file)", () => {
  let testDb: TestDb;
  let db: Db;
  beforeEach(async () => {
    testDb = await openTestDb("turn_wal");
    db = testDb.db;
  });
  afterEach(async () => {
    vi.useRealTimers();
    await testDb.close();
  });

  it("a 100 kB answer at 500 words/s in a new chat: within 3× its size, the search index written once, at the end", {
    timeout: 30_000,
  }, async () => {
    const sqlite = sqliteOf(db);
    const wal = `${sqlite.name}-wal`;
    // Which table or index each frame's page belongs to, read right after the transaction that wrote it.
    const owners: string[] = [];
    let seenBytes = 0;
    const attribute = () => {
      const bytes = fs.statSync(wal).size;
      if (bytes === seenBytes) return;
      seenBytes = bytes;
      const { frames } = walFrames(wal);
      if (frames.length <= owners.length) return;
      const byPage = new Map(
        (sqlite.prepare("select name, pageno from dbstat").all() as { name: string; pageno: number }[]).map(
          (r) => [r.pageno, r.name],
        ),
      );
      for (const f of frames.slice(owners.length)) owners.push(byPage.get(f.page) ?? "free");
    };
    const answer = prose(19_000);
    const words = answer.match(/\S+\s*/g) ?? [];
    const parts: StreamPart[] = [
      { type: "stream-start", warnings: [] },
      { type: "text-start", id: "t" },
    ];
    for (let i = 0; i < words.length; i += 5) {
      parts.push({ type: "text-delta", id: "t", delta: words.slice(i, i + 5).join("") });
    }
    parts.push({
      type: "finish",
      usage: {
        inputTokens: { total: 7, noCache: 7, cacheRead: undefined, cacheWrite: undefined },
        outputTokens: { total: 19_000, text: 19_000, reasoning: 0 },
      },
      finishReason: { unified: "stop", raw: "stop" },
    });
    // 5 words every 10 ms on a fake clock (the flush policy reads Date.now()); each pull comes after the write
    // the previous part caused, so the frames written so far are attributed before the next transaction.
    vi.useFakeTimers({ toFake: ["Date"] });
    let next = 0;
    const model = new MockLanguageModelV4({
      doStream: async () => ({
        stream: new ReadableStream<StreamPart>({
          pull(controller) {
            attribute();
            const part = parts[next++];
            if (!part) return controller.close();
            if (part.type === "text-delta") vi.setSystemTime(Date.now() + 10);
            controller.enqueue(part);
          },
        }),
      }),
    });
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    const res = await runChat(
      "alice",
      {
        conversationId: "c1",
        trigger: "submit",
        message: { id: "u1", text: "Why are there two tides a day?" },
        providerId: "offline",
        modelId: "offline/ngram",
        params: {},
      },
      { db, instanceId: null, createModel: () => model, timeoutMs: 600_000, maxRetries: 0 },
    );
    await res.text();
    attribute();

    const { pageSize, frames } = walFrames(wal);
    const transactions: string[][] = [[]];
    frames.forEach((f, i) => {
      transactions.at(-1)?.push(owners[i] ?? "?");
      if (f.commit) transactions.push([]);
    });
    transactions.pop();
    const search = (tx: string[]) => tx.filter((name) => name.startsWith("messages_fts")).length;
    // The turn's transaction, three partial flushes (1 s in, then each time the text has grown 4×), the final write.
    expect(transactions).toHaveLength(5);
    // The prompt is indexed with the answer (migration 0007): only the final write touches the message index.
    expect(transactions.map(search).map((n) => n > 0)).toEqual([false, false, false, false, true]);
    const walBytes = fs.statSync(wal).size;
    expect(walBytes).toBe(32 + frames.length * (24 + pageSize));
    expect(walBytes / Buffer.byteLength(answer)).toBeLessThanOrEqual(3);
  });
});
