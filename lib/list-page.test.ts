import { describe, expect, it } from "vitest";
import { AppError } from "./errors";
import { decodeListCursor, encodeListCursor, listPageQuerySchema, toPage } from "./list-page";

describe("list cursors", () => {
  it("round-trips a position, ids with any character included", () => {
    for (const p of [
      { updatedAt: 1_700_000_000_000, id: "abc" },
      { updatedAt: 0, id: "a:b/c+d=é" },
    ]) {
      expect(decodeListCursor(encodeListCursor(p))).toEqual(p);
    }
  });

  it("refuses anything else with a 400 naming cursor", () => {
    for (const bad of [
      "x",
      "!!!",
      Buffer.from("12:").toString("base64url"),
      Buffer.from("a:b").toString("base64url"),
    ]) {
      try {
        decodeListCursor(bad);
        expect.unreachable(bad);
      } catch (err) {
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).status).toBe(400);
        expect((err as AppError).issues[0]?.field).toBe("cursor");
      }
    }
  });

  it("makes a page from limit + 1 rows", () => {
    const rows = [1, 2, 3].map((n) => ({ updatedAt: 10 - n, id: `r${n}` }));
    expect(toPage(rows, 2)).toEqual({
      items: rows.slice(0, 2),
      nextCursor: encodeListCursor(rows[1] as (typeof rows)[number]),
    });
    expect(toPage(rows, 3)).toEqual({ items: rows, nextCursor: null });
  });

  it("validates limit", () => {
    expect(listPageQuerySchema.parse({})).toEqual({ limit: 50 });
    expect(listPageQuerySchema.safeParse({ limit: "0" }).success).toBe(false);
    expect(listPageQuerySchema.safeParse({ limit: "201" }).success).toBe(false);
    expect(listPageQuerySchema.safeParse({ limit: "2.5" }).success).toBe(false);
    expect(listPageQuerySchema.parse({ limit: "7", cursor: "c" })).toEqual({ limit: 7, cursor: "c" });
  });
});
