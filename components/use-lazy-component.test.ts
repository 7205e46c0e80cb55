import { describe, expect, it, vi } from "vitest";
import { lazyComponent } from "./use-lazy-component";

const Dialog = () => null;

describe("lazyComponent", () => {
  it("downloads once however many ask, and keeps the component", async () => {
    const importer = vi.fn(async () => Dialog);
    const lazy = lazyComponent(importer);
    expect(lazy.current).toBeUndefined();
    lazy.preload();
    const [a, b] = await Promise.all([lazy.load(), lazy.load()]);
    expect(a).toBe(Dialog);
    expect(b).toBe(Dialog);
    expect(lazy.current).toBe(Dialog);
    await lazy.load();
    expect(importer).toHaveBeenCalledTimes(1);
  });

  it("tries again after a failed download; a failed preload rejects nothing", async () => {
    const importer = vi
      .fn<() => Promise<typeof Dialog>>()
      .mockRejectedValueOnce(new Error("chunk failed"))
      .mockRejectedValueOnce(new Error("chunk failed"))
      .mockResolvedValue(Dialog);
    const lazy = lazyComponent(importer);
    const unhandled = vi.fn();
    process.on("unhandledRejection", unhandled);
    try {
      lazy.preload();
      await expect(lazy.load()).rejects.toThrow("chunk failed");
      await expect(lazy.load()).rejects.toThrow("chunk failed");
      expect(lazy.current).toBeUndefined();
      await expect(lazy.load()).resolves.toBe(Dialog);
      expect(lazy.current).toBe(Dialog);
      expect(importer).toHaveBeenCalledTimes(3);
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off("unhandledRejection", unhandled);
    }
  });
});
