import { textOf } from "./app-api";
import { settledComparison } from "./compare-api";
import { OFFLINE_APP_URL, OFFLINE_MODEL } from "./env";
import { expect, nth, test } from "./fixtures";

// The app started with no provider configured: the offline model applies the parameters for real.
test.use({ baseURL: OFFLINE_APP_URL });

test("offline: a temperature sweep with a fixed seed gives different answers, and equal settings equal answers", async ({
  compare,
  request,
  uid,
}) => {
  await compare.goto();
  await expect(compare.column(1).modelSelect).toHaveValue(`offline:${OFFLINE_MODEL}`);
  await compare.column(1).setParams({ seed: "42" });
  await compare.sweep("Temperature", "0, 1.5");
  await expect(compare.columns).toHaveCount(2);
  for (const [n, t] of [
    [1, "0"],
    [2, "1.5"],
  ] as const) {
    await expect(compare.column(n).param("temperature")).toHaveValue(t);
    await expect(compare.column(n).param("seed")).toHaveValue("42");
  }
  await expect(compare.column(2).root.locator("header")).toContainText("temperature 1.5");
  // A third column like column 1: temperature 0 is greedy, so it must say exactly the same.
  await compare.addColumnButton.click();
  await expect(compare.columns).toHaveCount(3);
  await expect(compare.column(3).param("temperature")).toHaveValue("0");

  await compare.send(`Tell me about the sea and the tides ${uid}`);
  await compare.waitForIdle(40_000);
  const stored = await settledComparison(request, await compare.comparisonId(), 1);
  const [greedy, hot, greedyAgain] = stored.columns.map((c) => textOf(nth(c.messages, -1)));
  expect(stored.columns.map((c) => [c.params.temperature, c.params.seed])).toEqual([
    [0, 42],
    [1.5, 42],
    [0, 42],
  ]);
  expect(greedy?.trim()).not.toBe("");
  expect(hot).not.toBe(greedy);
  expect(greedyAgain).toBe(greedy);
  // What is stored is what each column shows.
  const firstWords = (greedy ?? "").split(/\s+/).slice(0, 4).join(" ");
  await expect(compare.column(1).lastAssistant().root).toContainText(firstWords);
  await expect(compare.column(3).lastAssistant().root).toContainText(firstWords);
});
