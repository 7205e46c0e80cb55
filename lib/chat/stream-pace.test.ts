import { describe, expect, it } from "vitest";
import { MAX_UPDATE_INTERVAL_MS, publishDelay, updateInterval } from "./stream-pace";

describe("updateInterval", () => {
  it("is the throttle while updates are cheap", () => {
    expect(updateInterval(100, 0)).toBe(100);
    expect(updateInterval(100, 30)).toBe(100);
    expect(updateInterval(100, 50)).toBe(100);
  });

  it("leaves the page idle as long as the last update kept it busy", () => {
    expect(updateInterval(100, 80)).toBe(160);
    expect(updateInterval(150, 120)).toBe(240);
  });

  it("is capped, so that a very slow page still sees the text move", () => {
    expect(updateInterval(100, 2000)).toBe(MAX_UPDATE_INTERVAL_MS);
  });
});

describe("publishDelay", () => {
  it("publishes at once when the interval has passed", () => {
    expect(publishDelay(1000, 900, 100, 100)).toBe(0);
    expect(publishDelay(1250, 900, 300, 100)).toBe(0);
  });

  it("waits for the tick of the shared clock nearest to the end of the interval", () => {
    expect(publishDelay(1020, 1000, 100, 100)).toBe(80);
    expect(publishDelay(1030, 1010, 100, 100)).toBe(70);
    expect(publishDelay(1030, 1010, 260, 100)).toBe(270);
  });

  it("never waits a negative time", () => {
    // the nearest tick may come before the interval ends
    expect(publishDelay(1100.5, 1049, 100, 100)).toBe(0);
  });
});
