import { beforeAll, describe, expect, it } from "vitest";
import type { AppError } from "@/lib/errors";
import { openTestAppDb } from "@/lib/testing/app-db";

// lib/db reads the environment once, on first use: point it at a fresh database before anything opens it.
await openTestAppDb("transfer_blind");

const { getDb } = await import("@/lib/db");
const q = await import("@/db/queries/conversations");
const cq = await import("@/db/queries/comparisons");
const { blindResults, castVote, getBlindState, revealBlind, startBlind } = await import(
  "@/lib/compare/blind-votes"
);
const { exportComparison, importExport } = await import("./transfer");

const OWNER = "local";
const settings = (temperature: number) => ({
  providerId: "offline",
  modelId: "offline/ngram",
  params: { temperature },
});

async function answer(id: string, temperature: number, content: string, createdAt: number) {
  return {
    id,
    role: "assistant" as const,
    content,
    ...settings(temperature),
    status: "complete" as const,
    createdAt,
  };
}

beforeAll(async () => {
  const db = getDb();
  await cq.createComparison(db, OWNER, {
    id: "cmp",
    title: "Blind",
    columns: [
      { id: "k1", ...settings(0) },
      { id: "k2", ...settings(1.4) },
      { id: "k3", ...settings(0.7) },
    ],
  });
  for (const [col, t] of [
    ["k1", 0],
    ["k2", 1.4],
    ["k3", 0.7],
  ] as const) {
    await q.appendMessages(db, OWNER, col, [
      { id: `${col}-u0`, role: "user", content: "Hi", createdAt: 1 },
      await answer(`${col}-a0`, t, `hello from ${col}`, 2),
      { id: `${col}-u1`, role: "user", content: "Again", createdAt: 3 },
      await answer(`${col}-a1`, t, `again from ${col}`, 4),
    ]);
  }
});

const thrown = async (fn: () => unknown) => {
  try {
    await fn();
  } catch (err) {
    return err as AppError;
  }
  throw new Error("did not throw");
};

describe("blind votes", () => {
  it("are cast blind only, on messages every column answered, and count once revealed", async () => {
    expect(await thrown(() => castVote(OWNER, "cmp", { turn: 0, winnerColumnId: "k1" }))).toMatchObject({
      status: 409,
      issues: [{ field: "blind" }],
    });
    const started = await startBlind(OWNER, "cmp");
    expect([...(started.order ?? [])].sort()).toEqual(["k1", "k2", "k3"]);
    // Idempotent: a second start (another tab) keeps the order.
    expect((await startBlind(OWNER, "cmp")).order).toEqual(started.order);
    expect(await thrown(() => castVote(OWNER, "cmp", { turn: 2, winnerColumnId: null }))).toMatchObject({
      status: 400,
      issues: [{ field: "turn" }],
    });
    expect(await thrown(() => castVote(OWNER, "cmp", { turn: 0, winnerColumnId: "nope" }))).toMatchObject({
      status: 400,
      issues: [{ field: "winnerColumnId" }],
    });
    await castVote(OWNER, "cmp", { turn: 0, winnerColumnId: "k3" });
    const state = await castVote(OWNER, "cmp", { turn: 0, winnerColumnId: "k1" });
    expect(state.votes).toMatchObject([
      {
        turn: 0,
        winnerColumnId: "k1",
        revealedAt: null,
        candidates: [
          { columnId: "k1", messageId: "k1-a0", params: { temperature: 0 } },
          { columnId: "k2", messageId: "k2-a0", params: { temperature: 1.4 } },
          { columnId: "k3", messageId: "k3-a0", params: { temperature: 0.7 } },
        ],
      },
    ]);
    expect(await blindResults(OWNER)).toEqual({ sets: [], votes: 0 });
    expect(await thrown(() => startBlind("someone-else", "cmp"))).toMatchObject({ status: 404 });

    const revealed = await revealBlind(OWNER, "cmp");
    expect(revealed.order).toBeNull();
    expect((await thrown(() => castVote(OWNER, "cmp", { turn: 0, winnerColumnId: "k2" }))).status).toBe(409);
    expect((await blindResults(OWNER)).sets.map((s) => [s.summary[0], s.wins, s.losses, s.ties])).toEqual([
      ["temperature 0", 1, 0, 0],
      ["temperature 0.7", 0, 1, 0],
      ["temperature 1.4", 0, 1, 0],
    ]);

    // Blind again for the next message: the revealed vote stays revealed.
    await startBlind(OWNER, "cmp");
    await castVote(OWNER, "cmp", { turn: 1, winnerColumnId: null });
    expect(await thrown(() => castVote(OWNER, "cmp", { turn: 0, winnerColumnId: "k2" }))).toMatchObject({
      status: 409,
      issues: [{ field: "turn" }],
    });
  });

  it("travel in the comparison's export and come back on import with new ids", async () => {
    await cq.removeColumn(getDb(), OWNER, "cmp", "k3");
    const before = await getBlindState(OWNER, "cmp");
    expect(before.order).toHaveLength(2);
    const exported = await exportComparison(OWNER, "cmp");
    expect(exported.comparison.blind).toEqual(before);

    const { id } = await importExport(OWNER, JSON.stringify(exported));
    const after = await getBlindState(OWNER, id);
    const copy = (await exportComparison(OWNER, id)).comparison;
    const columnIds = copy.columns.map((c) => c.id);
    expect(columnIds.some((c) => c && ["k1", "k2", "k3"].includes(c))).toBe(false);
    // The same order of the same columns (by position), the same votes on the same answers.
    const position = (ids: string[] | null, cols: (string | undefined)[]) => ids?.map((i) => cols.indexOf(i));
    expect(position(after.order, columnIds)).toEqual(position(before.order, ["k1", "k2"]));
    expect(after.votes.map((v) => [v.turn, v.winnerColumnId && columnIds.indexOf(v.winnerColumnId)])).toEqual(
      [
        [0, 0],
        [1, null],
      ],
    );
    const [vote] = after.votes;
    expect(vote?.candidates.map((c) => c.params.temperature)).toEqual([0, 1.4, 0.7]);
    expect(vote?.candidates[0]?.messageId).toBe(copy.columns[0]?.messages[1]?.id);
    // The removed column's candidate has an id of its own, none of the file's.
    expect(vote?.candidates[2]?.columnId).not.toBe("k3");
    expect(columnIds).not.toContain(vote?.candidates[2]?.columnId);
    // The imported revealed vote counts too.
    expect((await blindResults(OWNER)).votes).toBe(2);
  });

  it("an import without blind data (an older file) has none, and bad blind data is a 400 naming the field", async () => {
    const exported = await exportComparison(OWNER, "cmp");
    const { blind, ...older } = exported.comparison;
    const { id } = await importExport(OWNER, JSON.stringify({ ...exported, comparison: older }));
    expect(await getBlindState(OWNER, id)).toEqual({ order: null, votes: [] });
    expect(blind).toBeDefined();

    const bad = structuredClone(exported);
    const vote = bad.comparison.blind?.votes[0];
    if (vote) vote.winnerColumnId = "not-a-candidate";
    expect(await thrown(() => importExport(OWNER, JSON.stringify(bad)))).toMatchObject({
      status: 400,
      issues: [{ field: "comparison.blind.votes.0.winnerColumnId" }],
    });
    const badOrder = structuredClone(exported);
    if (badOrder.comparison.blind) badOrder.comparison.blind.order = ["k1", "elsewhere"];
    expect(await thrown(() => importExport(OWNER, JSON.stringify(badOrder)))).toMatchObject({
      status: 400,
      issues: [{ field: "comparison.blind.order.1" }],
    });
  });
});
