import { describe, expect, it } from "vitest";
import { AppError } from "./errors";
import {
  decodeListCursor,
  encodeListCursor,
  LIST_PAGE_SIZE,
  listPageQuerySchema,
  readListPage,
  toPage,
} from "./list-page";

describe("list cursors", () => {
  it("round-trips a position, ids with any character included", async () => {
    for (const p of [
      { updatedAt: 1_700_000_000_000, id: "abc" },
      { updatedAt: 0, id: "a:b/c+d=é" },
    ]) {
      expect(decodeListCursor(encodeListCursor(p))).toEqual(p);
    }
  });

  it("refuses anything else with a 400 naming cursor", async () => {
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

  it("makes a page from limit + 1 rows", async () => {
    const rows = [1, 2, 3].map((n) => ({ updatedAt: 10 - n, id: `r${n}` }));
    expect(toPage(rows, 2)).toEqual({
      items: rows.slice(0, 2),
      nextCursor: encodeListCursor(rows[1] as (typeof rows)[number]),
    });
    expect(toPage(rows, 3)).toEqual({ items: rows, nextCursor: null });
  });

  it("validates limit", async () => {
    expect(listPageQuerySchema.parse({})).toEqual({ limit: 50 });
    expect(listPageQuerySchema.safeParse({ limit: "0" }).success).toBe(false);
    expect(listPageQuerySchema.safeParse({ limit: "201" }).success).toBe(false);
    expect(listPageQuerySchema.safeParse({ limit: "2.5" }).success).toBe(false);
    expect(listPageQuerySchema.parse({ limit: "7", cursor: "c" })).toEqual({ limit: 7, cursor: "c" });
  });
});

describe("readListPage", () => {
  const rows = [3, 2, 1].map((n) => ({ updatedAt: n, id: `c${n}` }));

  it("asks for one row more than the page (LIST_PAGE_SIZE by default), from the start without a cursor", async () => {
    const asked: unknown[] = [];
    await readListPage({}, async (window) => {
      asked.push(window);
      return [];
    });
    expect(asked).toEqual([{ limit: LIST_PAGE_SIZE + 1, after: undefined }]);
  });

  it("continues after the cursor's position and says where the next page starts", async () => {
    const first = await readListPage({ limit: 1 }, async ({ limit }) => rows.slice(0, limit));
    expect(first).toEqual({ items: [rows[0]], nextCursor: encodeListCursor(rows[0]) });
    const asked: unknown[] = [];
    const second = await readListPage({ limit: 2, cursor: first.nextCursor ?? "" }, async (window) => {
      asked.push(window);
      return rows.slice(1, 1 + window.limit);
    });
    expect(asked).toEqual([{ limit: 3, after: rows[0] }]);
    expect(second).toEqual({ items: rows.slice(1), nextCursor: null });
  });

  it("refuses a cursor it did not make before querying", async () => {
    let queried = false;
    await expect(
      readListPage({ cursor: "bogus" }, async () => {
        queried = true;
        return [];
      }),
    ).rejects.toThrow(AppError);
    expect(queried).toBe(false);
  });
});
