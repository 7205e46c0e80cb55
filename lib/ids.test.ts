import { describe, expect, it } from "vitest";
import { idSchema } from "@/lib/chat/request-schema";
import { generateId } from "./ids";

describe("generateId", () => {
  it("makes ids the API accepts, different each time", () => {
    const ids = Array.from({ length: 1000 }, generateId);
    for (const id of ids) expect(idSchema.safeParse(id).success).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toMatch(/^[0-9a-f]{32}$/);
  });
});
