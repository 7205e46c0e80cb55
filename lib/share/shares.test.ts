import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openTestAppDb } from "@/lib/testing/app-db";

// lib/db reads the environment once, on first use: point it at a fresh database before anything opens it.
await openTestAppDb("shares");

const { getDb } = await import("@/lib/db");
const q = await import("@/db/queries/conversations");
const { createShare, getPublicShare, listShareLinks, revokeShareLink, updateShareLink } = await import(
  "./shares"
);

const OWNER = "local";
const ORIGIN = "http://example.test";
const CONV = "conv-internal-id-4711";
const DAY = 86_400_000;

beforeAll(async () => {
  const db = getDb();
  await q.ensureConversation(db, OWNER, {
    id: CONV,
    title: "Shared bread",
    providerId: "offline",
    modelId: "offline/ngram",
    params: { temperature: 0.3 },
  });
  await q.appendMessages(db, OWNER, CONV, [
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

const texts = async (token: string) => {
  const s = (await getPublicShare(token, undefined))?.snapshot;
  return s?.kind === "conversation" ? s.messages.map((m) => m.text) : undefined;
};

describe("share links", () => {
  it("uses a 192-bit URL-safe random token, unrelated to the conversation id", async () => {
    const a = await createShare(OWNER, "conversation", CONV, "never", ORIGIN);
    const b = await createShare(OWNER, "conversation", CONV, "never", ORIGIN);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.token).not.toContain(CONV);
    expect(a.url).toBe(`${ORIGIN}/share/${a.token}`);
  });

  it("shows a snapshot with the answer's settings but no internal ids", async () => {
    const link = await createShare(OWNER, "conversation", CONV, "never", ORIGIN);
    const share = await getPublicShare(link.token, "someone-else");
    expect(share?.isOwner).toBe(false);
    expect((await getPublicShare(link.token, OWNER))?.isOwner).toBe(true);
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

  it("keeps the snapshot until the link is updated, at the same URL", async () => {
    const link = await createShare(OWNER, "conversation", CONV, "never", ORIGIN);
    await q.appendMessages(getDb(), OWNER, CONV, [
      { id: `later-${link.token}`, role: "user", content: "A later question", createdAt: 3000 },
    ]);
    expect(await texts(link.token)).not.toContain("A later question");
    const updated = await updateShareLink(OWNER, link.token, ORIGIN);
    expect(updated.url).toBe(link.url);
    expect(await texts(link.token)).toContain("A later question");
  });

  it("answers nothing for unknown, malformed or revoked tokens, and a revoked link cannot be updated", async () => {
    expect(await getPublicShare("A".repeat(32), OWNER)).toBeUndefined();
    expect(await getPublicShare("../../etc/passwd", OWNER)).toBeUndefined();
    const link = await createShare(OWNER, "conversation", CONV, "never", ORIGIN);
    await revokeShareLink(OWNER, link.token);
    expect(await getPublicShare(link.token, OWNER)).toBeUndefined();
    expect((await listShareLinks(OWNER, ORIGIN)).find((l) => l.token === link.token)?.status).toBe("revoked");
    await expect(updateShareLink(OWNER, link.token, ORIGIN)).rejects.toThrow(/revoked/);
  });

  it("only the owner can revoke or update a link", async () => {
    const link = await createShare(OWNER, "conversation", CONV, "never", ORIGIN);
    await expect(revokeShareLink("mallory", link.token)).rejects.toThrow(
      expect.objectContaining({ status: 404 }),
    );
    await expect(updateShareLink("mallory", link.token, ORIGIN)).rejects.toThrow(
      expect.objectContaining({ status: 404 }),
    );
    expect(await getPublicShare(link.token, undefined)).toBeDefined();
  });

  it("expires after its period, and a new expiry on update brings it back", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.UTC(2030, 0, 1);
    vi.setSystemTime(start);
    const link = await createShare(OWNER, "conversation", CONV, "1d", ORIGIN);
    expect(link.expiresAt).toBe(start + DAY);

    vi.setSystemTime(start + DAY - 1);
    expect(await getPublicShare(link.token, undefined)).toBeDefined();

    vi.setSystemTime(start + DAY);
    expect(await getPublicShare(link.token, undefined)).toBeUndefined();
    expect((await listShareLinks(OWNER, ORIGIN)).find((l) => l.token === link.token)?.status).toBe("expired");

    const renewed = await updateShareLink(OWNER, link.token, ORIGIN, "7d");
    expect(renewed.status).toBe("active");
    expect(renewed.expiresAt).toBe(start + DAY + 7 * DAY);
    expect(await getPublicShare(link.token, undefined)).toBeDefined();
  });

  it("links that never expire stay up", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const link = await createShare(OWNER, "conversation", CONV, "never", ORIGIN);
    vi.setSystemTime(Date.now() + 3650 * DAY);
    expect(await getPublicShare(link.token, undefined)).toBeDefined();
  });
});
