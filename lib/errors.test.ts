import { describe, expect, it } from "vitest";
import { AppError, errorResponse, jsonShapeIssue, readBodyText } from "./errors";

/** A request whose body is produced chunk by chunk (chunked, no Content-Length); counts what was pulled. */
function chunkedRequest(chunks: number, chunkBytes: number, headers: Record<string, string> = {}) {
  const stats = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stats.pulled >= chunks) return controller.close();
      stats.pulled++;
      controller.enqueue(new Uint8Array(chunkBytes).fill(32));
    },
    cancel() {
      stats.cancelled = true;
    },
  });
  const req = new Request("http://x/api", { method: "POST", body, headers, duplex: "half" } as RequestInit);
  return { req, stats };
}

async function caught(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("readBodyText", () => {
  it("reads a body within the limit", async () => {
    const { req } = chunkedRequest(4, 1000);
    expect((await readBodyText(req, 4000)).length).toBe(4000);
  });

  it("stops pulling a chunked body as soon as it passes the limit, and cancels it: 413", async () => {
    const { req, stats } = chunkedRequest(1000, 64 * 1024); // 64 MB on offer
    const err = await caught(readBodyText(req, 1024 * 1024));
    expect(err.status).toBe(413);
    expect(err.code).toBe("payload_too_large");
    expect(err.message).toBe("The body is larger than 1 MB");
    expect(stats.pulled).toBeLessThanOrEqual(18); // 1 MB / 64 KB + the chunk that crossed + read-ahead
    expect(stats.cancelled).toBe(true);
  });

  it("refuses a declared Content-Length over the limit before reading anything", async () => {
    const { req, stats } = chunkedRequest(10, 1000, { "content-length": "5000000" });
    const err = await caught(readBodyText(req, 1000, "file"));
    expect(err.status).toBe(413);
    expect(err.issues[0].field).toBe("file");
    expect(stats.pulled).toBeLessThanOrEqual(1); // at most the stream's own start-up pull
  });

  it("counts bytes, not characters", async () => {
    const req = new Request("http://x", { method: "POST", body: "é".repeat(600) }); // 1200 bytes
    expect((await caught(readBodyText(req, 1000))).status).toBe(413);
  });

  it("refuses invalid UTF-8 with a 400", async () => {
    const req = new Request("http://x", { method: "POST", body: new Uint8Array([0x7b, 0xff, 0x7d]) });
    expect((await caught(readBodyText(req, 1000))).status).toBe(400);
  });
});

describe("jsonShapeIssue", () => {
  it("names the first place nested too deep or with too long an array", () => {
    const limits = { maxDepth: 3, maxArrayLength: 2 };
    expect(jsonShapeIssue({ a: { b: [1, 2] } }, limits)).toBeUndefined();
    expect(jsonShapeIssue({ a: { b: { c: {} } } }, limits)?.field).toBe("a.b.c");
    expect(jsonShapeIssue({ a: [1, 2, 3] }, limits)?.field).toBe("a");
    expect(jsonShapeIssue([[[[]]]], limits)?.field).toBe("0.0.0");
  });

  it("names a string holding a NUL character (PostgreSQL's text cannot store one)", () => {
    expect(jsonShapeIssue(JSON.parse('{"message":{"text":"a\\u0000b"}}'))).toEqual({
      field: "message.text",
      message: "Contains a NUL character (U+0000)",
    });
    expect(jsonShapeIssue({ text: "a\u0001b", other: ["fine"] })).toBeUndefined();
  });

  it("handles nesting far beyond the call stack", () => {
    const deep = JSON.parse(`${"[".repeat(200_000)}${"]".repeat(200_000)}`);
    expect(jsonShapeIssue(deep)?.message).toMatch(/deeper than 64/);
  });
});

describe("errorResponse", () => {
  it("answers a SQLite unique violation (wrapped by drizzle) with a 409, not a 500", async () => {
    const sqlite = Object.assign(new Error("UNIQUE constraint failed: messages.id"), {
      code: "SQLITE_CONSTRAINT_PRIMARYKEY",
    });
    const res = errorResponse(new Error("Failed query", { cause: sqlite }));
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("conflict");
  });

  it("answers a PostgreSQL unique violation (23505, wrapped by drizzle) with a 409", async () => {
    const pg = Object.assign(new Error('duplicate key value violates unique constraint "messages_pkey"'), {
      code: "23505",
    });
    expect(errorResponse(new Error("Failed query", { cause: pg })).status).toBe(409);
    const other = Object.assign(new Error("deadlock detected"), { code: "40P01" });
    expect(errorResponse(new Error("Failed query", { cause: other })).status).toBe(500);
  });
});
