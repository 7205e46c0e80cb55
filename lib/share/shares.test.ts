import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

// lib/db reads DATABASE_PATH once, on first use: point it at a fresh file before anything opens it.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pg-shares-"));
process.env.DATABASE_PATH = path.join(dir, "t.db");

const { getDb } = await import("@/lib/db");
const q = await import("@/db/queries/conversations");
const { createShare, getPublicShare, listShareLinks, revokeShareLink, updateShareLink } = await import(
  "./shares"
);

const OWNER = "local";
const ORIGIN = "http://example.test";
const CONV = "conv-internal-id-4711";
const DAY = 86_400_000;

beforeAll(() => {
  const db = getDb();
  q.ensureConversation(db, OWNER, {
    id: CONV,
    title: "Shared bread",
    providerId: "offline",
    modelId: "offline/ngram",
    params: { temperature: 0.3 },
  });
  q.appendMessages(db, OWNER, CONV, [
    { id: "msg-user-id-0815", role: "user", content: "How do I bake bread?", createdAt: 1000 },
    {
      id: "msg-assistant-id-0816",
      role: "assistant",
      content: "Knead it.",
      reasoning: "Flour first.",
      providerId: "offline",
      modelId: "offline/ngram",
      params: { temperature: 0.3 },
      paramsSent: { temperature: 0.3, max_tokens: 100 },
      usage: { promptTokens: 5, completionTokens: 9 },
      timings: { totalMs: 90 },
      finishReason: "stop",
      status: "complete",
      createdAt: 2000,
    },
  ]);
});

afterEach(() => {
  vi.useRealTimers();
});

const texts = (token: string) => {
  const s = getPublicShare(token, undefined)?.snapshot;
  return s?.kind === "conversation" ? s.messages.map((m) => m.text) : undefined;
};

describe("share links", () => {
  it("uses a 192-bit URL-safe random token, unrelated to the conversation id", () => {
    const a = createShare(OWNER, "conversation", CONV, "never", ORIGIN);
    const b = createShare(OWNER, "conversation", CONV, "never", ORIGIN);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.token).not.toContain(CONV);
    expect(a.url).toBe(`${ORIGIN}/share/${a.token}`);
  });

  it("shows a snapshot with the answer's settings but no internal ids", () => {
    const link = createShare(OWNER, "conversation", CONV, "never", ORIGIN);
    const share = getPublicShare(link.token, "someone-else");
    expect(share?.isOwner).toBe(false);
    expect(getPublicShare(link.token, OWNER)?.isOwner).toBe(true);
    const json = JSON.stringify(share?.snapshot);
    for (const id of [CONV, "msg-user-id-0815", "msg-assistant-id-0816"]) expect(json).not.toContain(id);
    expect(share?.snapshot).toMatchObject({
      kind: "conversation",
      title: "Shared bread",
      messages: [
        { role: "user", text: "How do I bake bread?" },
        {
          role: "assistant",
          text: "Knead it.",
          reasoning: "Flour first.",
          providerName: expect.any(String),
          modelId: "offline/ngram",
          paramsSent: { temperature: 0.3, max_tokens: 100 },
          finishReason: "stop",
        },
      ],
    });
  });

  it("keeps the snapshot until the link is updated, at the same URL", () => {
    const link = createShare(OWNER, "conversation", CONV, "never", ORIGIN);
    q.appendMessages(getDb(), OWNER, CONV, [
      { id: `later-${link.token}`, role: "user", content: "A later question", createdAt: 3000 },
    ]);
    expect(texts(link.token)).not.toContain("A later question");
    const updated = updateShareLink(OWNER, link.token, ORIGIN);
    expect(updated.url).toBe(link.url);
    expect(texts(link.token)).toContain("A later question");
  });

  it("answers nothing for unknown, malformed or revoked tokens, and a revoked link cannot be updated", () => {
    expect(getPublicShare("A".repeat(32), OWNER)).toBeUndefined();
    expect(getPublicShare("../../etc/passwd", OWNER)).toBeUndefined();
    const link = createShare(OWNER, "conversation", CONV, "never", ORIGIN);
    revokeShareLink(OWNER, link.token);
    expect(getPublicShare(link.token, OWNER)).toBeUndefined();
    expect(listShareLinks(OWNER, ORIGIN).find((l) => l.token === link.token)?.status).toBe("revoked");
    expect(() => updateShareLink(OWNER, link.token, ORIGIN)).toThrow(/revoked/);
  });

  it("only the owner can revoke or update a link", () => {
    const link = createShare(OWNER, "conversation", CONV, "never", ORIGIN);
    expect(() => revokeShareLink("mallory", link.token)).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => updateShareLink("mallory", link.token, ORIGIN)).toThrow(
      expect.objectContaining({ status: 404 }),
    );
    expect(getPublicShare(link.token, undefined)).toBeDefined();
  });

  it("expires after its period, and a new expiry on update brings it back", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.UTC(2030, 0, 1);
    vi.setSystemTime(start);
    const link = createShare(OWNER, "conversation", CONV, "1d", ORIGIN);
    expect(link.expiresAt).toBe(start + DAY);

    vi.setSystemTime(start + DAY - 1);
    expect(getPublicShare(link.token, undefined)).toBeDefined();

    vi.setSystemTime(start + DAY);
    expect(getPublicShare(link.token, undefined)).toBeUndefined();
    expect(listShareLinks(OWNER, ORIGIN).find((l) => l.token === link.token)?.status).toBe("expired");

    const renewed = updateShareLink(OWNER, link.token, ORIGIN, "7d");
    expect(renewed.status).toBe("active");
    expect(renewed.expiresAt).toBe(start + DAY + 7 * DAY);
    expect(getPublicShare(link.token, undefined)).toBeDefined();
  });

  it("links that never expire stay up", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const link = createShare(OWNER, "conversation", CONV, "never", ORIGIN);
    vi.setSystemTime(Date.now() + 3650 * DAY);
    expect(getPublicShare(link.token, undefined)).toBeDefined();
  });
});
