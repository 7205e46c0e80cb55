import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { type ApiMessage, textOf } from "./app-api";
import { getComparison } from "./compare-api";
import { OFFLINE_APP_URL, OFFLINE_MODEL } from "./env";
import { expect, nth, test } from "./fixtures";
import type { ComparePage } from "./pages/compare-page";

// The app started with no provider configured: the offline model at temperature 0 is deterministic.
test.use({ baseURL: OFFLINE_APP_URL });

/** GET …/messages/:messageId/versions: every sample of an answer. */
async function versionsOf(request: APIRequestContext, conversationId: string, messageId: string) {
  const res = await request.get(`/api/conversations/${conversationId}/messages/${messageId}/versions`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { versions: ApiMessage[] }).versions;
}

/** Every column's samples of its last answer, as stored. */
async function storedSamples(compare: ComparePage, request: APIRequestContext) {
  const cmp = await getComparison(request, await compare.comparisonId());
  return Promise.all(
    cmp.columns.map((c) => {
      const last = nth(
        c.messages.filter((m) => m.role === "assistant"),
        -1,
      );
      return versionsOf(request, c.id, last.id);
    }),
  );
}

test("3 samples × 2 columns on the offline model: 6 answers as versions, a summary per column, and Statistics where temperature 0 has zero spread", async ({
  compare,
  page,
  request,
  uid,
}) => {
  // recharts is not part of the page's first load: its code arrives when Statistics opens.
  const scripts: Promise<string>[] = [];
  page.on("response", (res) => {
    if (res.request().resourceType() === "script") scripts.push(res.text().catch(() => ""));
  });
  const chartsLoaded = async () =>
    (await Promise.all(scripts)).some((body) => body.includes("recharts-wrapper"));
  await compare.goto();
  expect(await chartsLoaded()).toBe(false);
  await expect(compare.column(1).modelSelect).toHaveValue(`offline:${OFFLINE_MODEL}`);
  await compare.column(1).root.getByLabel("Samples", { exact: true }).fill("3");
  // A sweep gives every column column 1's samples.
  await compare.sweep("Temperature", "0, 1.5");
  await expect(compare.column(1).param("temperature")).toHaveValue("0");
  await expect(compare.column(2).param("temperature")).toHaveValue("1.5");
  await expect(compare.column(2).root.getByLabel("Samples", { exact: true })).toHaveValue("3");
  await expect(page.getByText("6 answers in all (samples)")).toBeVisible();

  await compare.send(`Tell me about the sea and the tides ${uid}`);
  await expect(
    compare
      .column(1)
      .root.getByRole("status")
      .filter({ hasText: /Sample \d of 3/ }),
  ).toBeVisible();
  await compare.waitForIdle(60_000);

  // Six answers stored: three per column, each a version of the column's one answer with its own usage.
  const [greedy, hot] = await storedSamples(compare, request);
  expect(greedy).toHaveLength(3);
  expect(hot).toHaveLength(3);
  for (const v of [...(greedy ?? []), ...(hot ?? [])]) {
    expect(v.metadata?.status).toBe("complete");
    expect(v.metadata?.usage?.completionTokens).toBeGreaterThan(0);
  }
  const greedyTexts = (greedy ?? []).map(textOf);
  expect(new Set(greedyTexts).size).toBe(1);
  expect(new Set((hot ?? []).map(textOf)).size).toBeGreaterThan(1);

  for (const n of [1, 2]) {
    const col = compare.column(n);
    // One answer article per column, its samples browsable in the versions nav: the newest shown.
    await expect(col.assistantArticles).toHaveCount(1);
    const versions = col.root.getByRole("group", { name: "Versions" });
    await expect(versions).toContainText("3/3");
    await versions.getByRole("button", { name: "Previous version" }).click();
    await expect(versions).toContainText("2/3");
    await versions.getByRole("button", { name: "Previous version" }).click();
    await expect(versions).toContainText("1/3");
    const summary = col.root.getByRole("region", { name: "Samples summary" });
    await expect(summary).toContainText("3 samples of this answer");
  }
  await expect(compare.column(1).root.getByRole("region", { name: "Samples summary" })).toContainText(
    /Word distance\s*0(?!\.)/,
  );

  expect(await chartsLoaded()).toBe(false);
  await page.getByRole("button", { name: "Statistics", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Statistics" });
  const table = dialog.getByRole("table", { name: "Statistics by column" });
  await expect(table).toBeVisible();
  const headers = table.getByRole("columnheader");
  await expect(headers.nth(1)).toContainText("Column 1");
  await expect(headers.nth(1)).toContainText("temperature 0");
  await expect(headers.nth(2)).toContainText("temperature 1.5");
  const cells = (metric: string) =>
    table
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: metric }) })
      .getByRole("cell");
  await expect(cells("Samples")).toHaveText(["3", "3"]);
  // Temperature 0: the same answer three times — zero spread, no range, no distance.
  const words = cells("Words");
  await expect(words.nth(0)).toHaveText(/^\d+(\.\d)? ± 0$/);
  await expect(cells("Reasoning tokens").nth(0)).toHaveText(/ ± 0$/);
  await expect(cells("Word distance").nth(0)).toHaveText("0");
  // Temperature 1.5: the samples differ.
  await expect(cells("Word distance").nth(1)).not.toHaveText("0");
  await expect(words.nth(1)).not.toHaveText(/ ± 0$/);
  await expect(cells("Finish").nth(0)).toContainText("×3");
  // One chart per metric, loaded on demand.
  await expect(dialog.getByRole("img", { name: /^Words: column 1/ })).toBeVisible();
  await expect(dialog.locator("figure")).toHaveCount(6);
  expect(await chartsLoaded()).toBe(true);
});

test("a run of more than 10 requests asks first; Cancel sends nothing, and Stop all stops the remaining samples", async ({
  compare,
  page,
  request,
  uid,
}) => {
  await compare.goto();
  // Out of range is clamped: 12 is 10 once the field is left.
  const first = compare.column(1).root.getByLabel("Samples", { exact: true });
  await first.fill("12");
  await first.press("Tab");
  await expect(first).toHaveValue("10");
  await compare.column(2).root.getByLabel("Samples", { exact: true }).fill("10");
  await compare.send(`Waves and wind ${uid}`);
  const confirm = page.getByRole("dialog", { name: "Send 20 requests?" });
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText("2 columns × 10 samples");
  await expect(confirm).toContainText("Prices are not known");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(compare.composer).toHaveValue(`Waves and wind ${uid}`);
  await expect(compare.column(1).userArticles).toHaveCount(0);

  await compare.sendButton.click();
  await page
    .getByRole("dialog", { name: "Send 20 requests?" })
    .getByRole("button", { name: "Send 20 requests" })
    .click();
  await expect(compare.column(1).root.getByRole("status").filter({ hasText: "Sample 2 of 10" })).toBeVisible({
    timeout: 30_000,
  });
  await compare.stopAllButton.click();
  await compare.waitForIdle(30_000);
  const samples = await storedSamples(compare, request);
  for (const s of samples) {
    expect(s.length).toBeGreaterThan(0);
    expect(s.length).toBeLessThan(10);
  }
});

test("GET …/messages/:messageId/versions answers 404 JSON for a message that is not there", async ({
  request,
}) => {
  const res = await request.get("/api/conversations/no-such-chat/messages/no-such-message/versions");
  expect(res.status()).toBe(404);
  expect(((await res.json()) as { error?: { message?: string } }).error?.message).toBe("Message not found");
});

/** axe's WCAG 2 A/AA rules on the parts this feature adds: no serious or critical violation. */
async function expectAccessible(page: Page, selector: string, label: string) {
  const { violations } = await new AxeBuilder({ page })
    .include(selector)
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, `${label}: ${serious.join("\n")}`).toEqual([]);
}

for (const vp of [
  { name: "desktop light", width: 1440, height: 900, scheme: "light" },
  { name: "phone dark", width: 390, height: 844, scheme: "dark" },
] as const) {
  test(`the confirmation, the samples summary and Statistics pass axe (${vp.name})`, async ({
    compare,
    page,
    uid,
  }) => {
    await page.setViewportSize({ width: vp.width, height: vp.height });
    await page.emulateMedia({ colorScheme: vp.scheme });
    await compare.goto();
    await compare.column(1).root.getByLabel("Samples", { exact: true }).fill("4");
    await compare.sweep("Temperature", "0, 0.8, 1.5");
    await expectAccessible(
      page,
      '[id$="-samples"], [id$="-samples-hint"], label[for$="-samples"]',
      "the Samples control",
    );
    await compare.send(`Tides ${uid}`);
    const confirm = page.getByRole("dialog", { name: "Send 12 requests?" });
    await expect(confirm).toBeVisible();
    await expectAccessible(page, '[role="dialog"]', "the confirmation");
    await confirm.getByRole("button", { name: "Send 12 requests" }).click();
    await compare.waitForIdle(60_000);
    const summary = compare.column(1).root.getByRole("region", { name: "Samples summary" });
    await summary.scrollIntoViewIfNeeded();
    await expect(summary).toContainText("4 samples of this answer");
    await expectAccessible(page, '[aria-label="Samples summary"]', "the samples summary");
    await page.getByRole("button", { name: "Statistics", exact: true }).click();
    await expect(page.getByRole("dialog", { name: "Statistics" }).locator("figure")).toHaveCount(6);
    await expectAccessible(page, '[role="dialog"]', "Statistics");
  });
}
