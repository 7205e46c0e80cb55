import type { Page } from "@playwright/test";
import { textOf } from "./app-api";
import { getComparison } from "./compare-api";
import { OFFLINE_APP_URL, OFFLINE_MODEL } from "./env";
import { expect, nth, test } from "./fixtures";

// The offline model: real answers, different per setting, no key.
test.use({ baseURL: OFFLINE_APP_URL });

interface BlindApi {
  order: string[] | null;
  votes: { turn: number; winnerColumnId: string | null; revealedAt: number | null }[];
}

/** The page as rendered (markup, attributes, text), without the scripts that carry its data. */
function renderedDom(page: Page): Promise<string> {
  return page.evaluate(() => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    for (const el of clone.querySelectorAll("script, style, template")) el.remove();
    return `${document.title}\n${clone.outerHTML}`;
  });
}

test("blind mode hides the settings and shuffles, a vote per message survives a reload, Reveal names the winner, Results count it", async ({
  compare,
  page,
  request,
  uid,
}) => {
  // Values that appear nowhere else on the page, so finding one in the blind page is a leak.
  const seeds = [0, 1].map((i) =>
    String(700_000 + ((Number.parseInt(uid.slice(0, 6), 36) + i * 7919) % 99_991)),
  );
  const temperatures = ["0.37", "1.23"];
  await compare.goto();
  for (const i of [0, 1]) {
    await compare.column(i + 1).setParams({ temperature: nth(temperatures, i), seed: nth(seeds, i) });
  }
  await compare.send(`Tell me about rivers ${uid}`);
  await compare.waitForIdle(40_000);
  await compare.send(`And about mountains ${uid}`);
  await compare.waitForIdle(40_000);
  const id = await compare.comparisonId();

  const blindButton = page.getByRole("button", { name: "Blind mode", exact: true });
  await expect(blindButton).toHaveAttribute("aria-pressed", "false");
  await blindButton.click();
  await expect(blindButton).toHaveAttribute("aria-pressed", "true");
  const answerA = page.getByRole("region", { name: "Answer A", exact: true });
  const answerB = page.getByRole("region", { name: "Answer B", exact: true });
  await expect(answerA).toBeVisible();
  await expect(answerB).toBeVisible();
  await expect(compare.columns).toHaveCount(0);
  // Nothing that shows settings is offered while blind.
  for (const name of ["Sweep", "Diff", "Add column"]) {
    await expect(page.getByRole("button", { name, exact: true })).toBeDisabled();
  }
  await expect(page.getByRole("button", { name: "View code" })).toHaveCount(0);
  await expect(page.getByLabel("Temperature")).toHaveCount(0);

  const noLeak = async () => {
    const dom = await renderedDom(page);
    // Not the bare word "temperature": the offline model may write it.
    const labels = ["Max tokens", "Frequency penalty", "View code", ">baseline<", "Column 1", "Column 2"];
    for (const secret of [...seeds, ...temperatures, OFFLINE_MODEL, "ngram", ...labels]) {
      const at = dom.indexOf(secret);
      // The surroundings, not the whole page, when it fails.
      expect(
        at === -1 ? "" : dom.slice(Math.max(0, at - 300), at + 100),
        `"${secret}" in the blind page`,
      ).toBe("");
    }
    expect(page.url()).toBe(`${OFFLINE_APP_URL}/compare/${id}`);
  };
  await noLeak();

  // The order is stored: a reload shows the same answer under the same letter.
  const blindState = async () => ((await getComparison(request, id)) as unknown as { blind: BlindApi }).blind;
  const { order } = await blindState();
  expect(order).toHaveLength(2);
  const [idA, idB] = order as [string, string];
  const columnA = (await getComparison(request, id)).columns.find((c) => c.id === idA);
  const firstOfA = textOf(nth(columnA?.messages ?? [], 1))
    .split(/\s+/)
    .slice(0, 6)
    .join(" ");
  expect(firstOfA).not.toBe("");
  await expect(answerA.getByRole("article", { name: /^Assistant/ }).first()).toContainText(firstOfA);

  const votes = page.getByRole("region", { name: "Blind votes" });
  const message1 = votes.getByRole("radiogroup", { name: "Better answer to message 1" });
  const message2 = votes.getByRole("radiogroup", { name: "Better answer to message 2" });
  await message1.getByRole("radio", { name: "Answer B", exact: true }).click();
  await expect(message1.getByRole("radio", { name: "Answer B", exact: true })).toBeChecked();
  await message2.getByRole("radio", { name: "Tie", exact: true }).click();
  await expect(message2.getByRole("radio", { name: "Tie", exact: true })).toBeChecked();
  // The pick is marked on the answer itself, under its letter.
  await expect(answerB.getByText("Your pick", { exact: true })).toHaveCount(1);
  await expect(answerA.getByText("Your pick", { exact: true })).toHaveCount(0);
  await expect
    .poll(async () => (await blindState()).votes.map((v) => [v.turn, v.winnerColumnId, v.revealedAt]))
    .toEqual([
      [0, idB, null],
      [1, null, null],
    ]);

  await compare.reload();
  await expect(blindButton).toHaveAttribute("aria-pressed", "true");
  await expect(answerA.getByRole("article", { name: /^Assistant/ }).first()).toContainText(firstOfA);
  await expect(message1.getByRole("radio", { name: "Answer B", exact: true })).toBeChecked();
  await expect(message2.getByRole("radio", { name: "Tie", exact: true })).toBeChecked();
  await noLeak();
  expect((await blindState()).order).toEqual([idA, idB]);

  // An answer regenerated after the vote: the vote asks to be cast again, on the answers shown now.
  await answerA.getByRole("button", { name: "Regenerate", exact: true }).click();
  await compare.waitForIdle(40_000);
  await expect(votes.getByText("an answer changed since: vote again")).toBeVisible();
  await expect(message2.getByRole("radio", { name: "Tie", exact: true })).not.toBeChecked();
  await message2.getByRole("radio", { name: "Tie", exact: true }).click();
  await expect(message2.getByRole("radio", { name: "Tie", exact: true })).toBeChecked();
  await expect(votes.getByText("an answer changed since: vote again")).toHaveCount(0);
  await noLeak();

  // Reveal: the columns in their order with their settings, and which one won each message.
  await page.getByRole("button", { name: "Reveal", exact: true }).click();
  await expect(blindButton).toHaveAttribute("aria-pressed", "false");
  // Reveal goes away: the focus lands on the toggle, not on the page.
  await expect(blindButton).toBeFocused();
  await expect(compare.columns).toHaveCount(2);
  const cmp = await getComparison(request, id);
  const winnerIndex = cmp.columns.findIndex((c) => c.id === idB);
  const winnerSeed = nth(seeds, winnerIndex);
  const loserSeed = nth(seeds, 1 - winnerIndex);
  const winner = compare.column(winnerIndex + 1);
  await expect(winner.param("seed")).toHaveValue(winnerSeed);
  await expect(votes.getByRole("listitem").first()).toContainText(`Column ${winnerIndex + 1} is better`);
  await expect(votes.getByRole("listitem").nth(1)).toContainText("Tie");
  await expect(nth(await winner.assistantArticles.all(), 0)).toContainText("Better answer");
  await expect(compare.column(2 - winnerIndex).assistantArticles.first()).not.toContainText("Better answer");
  expect(textOf(nth(nth(cmp.columns, winnerIndex).messages, 1))).not.toBe("");

  // The tally is stored: after a reload, Results show it for the winner's and the loser's settings.
  await compare.reload();
  await expect(votes.getByRole("listitem").first()).toContainText(`Column ${winnerIndex + 1} is better`);
  await page.getByRole("button", { name: "Results", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Blind A/B results" });
  const row = (seed: string) => dialog.getByRole("row").filter({ hasText: `seed ${seed}` });
  await expect(row(winnerSeed).getByRole("cell")).toHaveText(["1", "0", "1"]);
  await expect(row(loserSeed).getByRole("cell")).toHaveText(["0", "1", "1"]);
  await expect(row(winnerSeed)).toContainText(`temperature ${nth(temperatures, winnerIndex)}`);
  await expect(row(winnerSeed)).toContainText(OFFLINE_MODEL);
});

test("blind API: 403 from another site, 400 naming the field, 409 when not blind, 404 for another comparison", async ({
  request,
  uid,
}) => {
  const columns = [0, 1].map((i) => ({
    providerId: "offline",
    modelId: OFFLINE_MODEL,
    params: { temperature: i },
  }));
  const created = await request.post("/api/comparisons", { data: { title: `blind api ${uid}`, columns } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const votes = `/api/comparisons/${id}/blind/votes`;

  const notBlind = await request.put(votes, { data: { turn: 0, winnerColumnId: null } });
  expect(notBlind.status()).toBe(409);
  expect((await notBlind.json()).error.field).toBe("blind");

  // Another site cannot turn blind mode on or vote (the app's one guard).
  const crossSite = { headers: { origin: "http://evil.example" } };
  const refused = await request.post(`/api/comparisons/${id}/blind`, crossSite);
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("forbidden_origin");
  expect((await request.put(votes, { ...crossSite, data: { turn: 0, winnerColumnId: null } })).status()).toBe(
    403,
  );
  expect(((await (await request.get(`/api/comparisons/${id}/blind`)).json()) as BlindApi).order).toBeNull();

  const started = await request.post(`/api/comparisons/${id}/blind`);
  expect(started.status()).toBe(200);
  expect(((await started.json()) as BlindApi).order).toHaveLength(2);

  for (const [data, field] of [
    [{ turn: "first", winnerColumnId: null }, "turn"],
    [{ turn: 0 }, "winnerColumnId"],
    [{ turn: 0, winnerColumnId: "not-a-column" }, "winnerColumnId"],
    [{ turn: 0, winnerColumnId: null }, "turn"],
  ] as const) {
    const res = await request.put(votes, { data });
    expect(res.status(), JSON.stringify(data)).toBe(400);
    expect((await res.json()).error.field, JSON.stringify(data)).toBe(field);
  }
  expect((await request.post(`/api/comparisons/nope-${uid}/blind`)).status()).toBe(404);
  const results = await request.get("/api/blind/results");
  expect(results.status()).toBe(200);
  expect(await results.json()).toMatchObject({ sets: expect.any(Array), votes: expect.any(Number) });
});
