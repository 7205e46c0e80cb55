import { describe, expect, it } from "vitest";
import { appendPage, mergeFirstPage } from "./paged-list";

const row = (id: string, updatedAt: number) => ({ id, updatedAt });

describe("mergeFirstPage", () => {
  it("keeps the rows loaded beyond the first page, the same objects, and their cursor", () => {
    const tail = row("c", 10);
    const held = { items: [row("a", 30), row("b", 20), tail], nextCursor: "after-c" };
    const fresh = { items: [row("new", 40), row("a", 30)], nextCursor: "after-a" };
    const merged = mergeFirstPage(held, fresh);
    expect(merged.items.map((r) => r.id)).toEqual(["new", "a", "b", "c"]);
    expect(merged.items[3]).toBe(tail);
    expect(merged.nextCursor).toBe("after-c");
  });

  it("keeps the held object of a row whose data did not change", () => {
    const a = { ...row("a", 30), title: "A" };
    const held = { items: [a, { ...row("b", 20), title: "B" }], nextCursor: null };
    const fresh = {
      items: [
        { ...row("b", 40), title: "B" },
        { ...row("a", 30), title: "A" },
      ],
      nextCursor: null,
    };
    const merged = mergeFirstPage(held, fresh);
    expect(merged.items[1]).toBe(a);
    expect(merged.items[0]).toBe(fresh.items[0]);
  });

  it("moves a row that was sent to the top instead of showing it twice", () => {
    const held = { items: [row("a", 30), row("b", 20), row("c", 10)], nextCursor: "after-c" };
    const fresh = { items: [row("c", 50), row("a", 30)], nextCursor: "after-a" };
    expect(mergeFirstPage(held, fresh).items.map((r) => r.id)).toEqual(["c", "a", "b"]);
  });

  it("takes the fresh cursor when nothing beyond the first page is held", () => {
    const held = { items: [row("a", 30)], nextCursor: "after-a" };
    const fresh = { items: [row("b", 40), row("a", 30)], nextCursor: "after-a-2" };
    expect(mergeFirstPage(held, fresh)).toEqual(fresh);
  });

  it("is the fresh page when that is the whole list (a deleted row goes)", () => {
    const held = { items: [row("a", 30), row("gone", 20)], nextCursor: null };
    const fresh = { items: [row("a", 30)], nextCursor: null };
    expect(mergeFirstPage(held, fresh)).toEqual(fresh);
  });
});

describe("appendPage", () => {
  it("appends the next page without rows already held", () => {
    const held = { items: [row("moved", 50), row("a", 30)], nextCursor: "after-a" };
    const next = { items: [row("b", 20), row("moved", 50)], nextCursor: null };
    expect(appendPage(held, next)).toEqual({
      items: [row("moved", 50), row("a", 30), row("b", 20)],
      nextCursor: null,
    });
  });
});
