import { textOf } from "./app-api";
import { getComparison, settledComparison } from "./compare-api";
import { wireText } from "./fake-provider/client";
import { expect, nth, type SentRequest, test } from "./fixtures";
import { PARAM_LABEL } from "./pages/chat-page";

const TEMPERATURES = ["0", "0.7", "1.4"];

/** The sampling fields of a recorded request (history, model and stream flags left out). */
function sampling(req: SentRequest): Record<string, unknown> {
  const { messages: _m, model: _model, stream: _s, stream_options: _so, ...rest } = req.body;
  return rest;
}

test.describe("comparison", () => {
  test("three temperatures stream concurrently with their own parameters, survive a reload, and keep their own histories", async ({
    compare,
    fake,
    request,
    uid,
  }) => {
    // One answer per request, in order of arrival; the temperature in each request tells its column.
    const answers = [1, 2, 3].map((n) => `Answer ${n} ${uid} alpha beta gamma delta epsilon zeta.`);
    const second = [4, 5, 6].map((n) => `Second answer ${n} ${uid}.`);
    await fake.script(
      [...answers, ...second].map((answer) => ({
        reasoning: `Thinking ${uid} one two.`,
        answer,
        chunkDelayMs: 150,
      })),
    );
    await compare.goto();
    await compare.setColumnCount(3);
    for (const [i, t] of TEMPERATURES.entries()) await compare.column(i + 1).setParams({ temperature: t });
    const maxTokens = await compare.column(1).param("maxTokens").inputValue();

    const first = fake.message(`First question ${uid}`);
    await compare.send(first);
    // Every column streams at the same time: one Stop per column, all shown at once.
    await expect(compare.columns.getByRole("button", { name: "Stop", exact: true })).toHaveCount(3);
    const id = await compare.comparisonId();
    await compare.waitForIdle();

    const reqs = await fake.expectChatRequests(3);
    // Concurrent: every request started before any of them ended.
    const lastStart = Math.max(...reqs.map((r) => r.startedAt));
    const firstEnd = Math.min(...reqs.map((r) => r.endedAt ?? Number.POSITIVE_INFINITY));
    expect(lastStart).toBeLessThan(firstEnd);
    // Each request carries exactly its column's parameters.
    expect(reqs.map((r) => r.body.temperature).sort()).toEqual([0, 0.7, 1.4]);
    for (const r of reqs) {
      expect(sampling(r)).toEqual({ temperature: r.body.temperature, max_tokens: Number(maxTokens) });
      expect(r.body.messages?.map(wireText)).toEqual([first]);
    }
    const answerFor = new Map(reqs.map((r, i) => [String(r.body.temperature), nth(answers, i)]));

    const checkColumns = async () => {
      for (const [i, t] of TEMPERATURES.entries()) {
        const col = compare.column(i + 1);
        await expect(col.param("temperature")).toHaveValue(t);
        await expect(col.userArticles).toHaveCount(1);
        await expect(col.assistantArticles).toHaveCount(1);
        await expect(col.lastAssistant().root).toContainText(answerFor.get(String(Number(t))) ?? "<none>");
        await expect(col.lastAssistant().reasoningToggle).toBeVisible();
      }
    };
    await checkColumns();
    await compare.reload();
    await expect(compare.page).toHaveURL(new RegExp(`/compare/${id}$`));
    await expect(compare.columns).toHaveCount(3);
    await checkColumns();

    // The second turn goes to every column, each with its own history.
    const next = fake.message(`Follow-up ${uid}`);
    await compare.send(next);
    await compare.waitForIdle();
    const all = await fake.expectChatRequests(6);
    for (const r of all.slice(3)) {
      const msgs = r.body.messages ?? [];
      expect(msgs.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
      expect(wireText(nth(msgs, 0))).toBe(first);
      expect(wireText(nth(msgs, 1))).toBe(answerFor.get(String(r.body.temperature)));
      expect(wireText(nth(msgs, 2))).toBe(next);
    }

    const stored = await settledComparison(request, id, 2);
    expect(stored.columns.map((c) => c.params.temperature)).toEqual([0, 0.7, 1.4]);
    for (const col of stored.columns) {
      expect(col.messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant"]);
      expect(textOf(nth(col.messages, 1))).toBe(answerFor.get(String(col.params.temperature)));
      expect(nth(col.messages, 3).metadata?.paramsSent).toMatchObject({
        temperature: col.params.temperature,
      });
    }
  });

  test("a column whose provider fails shows the error with Retry while the others complete; Retry succeeds", async ({
    compare,
    fake,
    request,
    uid,
  }) => {
    await fake.script([
      { answer: `Fine answer ${uid}.`, chunkDelayMs: 40 },
      { httpError: { status: 500, delayMs: 100 } },
      { answer: `Fine answer ${uid}.`, chunkDelayMs: 40 },
      { answer: `Recovered answer ${uid}.` },
    ]);
    await compare.goto();
    await compare.setColumnCount(3);
    for (const [i, t] of TEMPERATURES.entries()) await compare.column(i + 1).setParams({ temperature: t });
    await compare.send(fake.message(`Will one fail ${uid}`));
    await compare.waitForIdle();

    const reqs = await fake.expectChatRequests(3);
    const failedIndex = TEMPERATURES.findIndex(
      (t) => reqs.find((r) => r.status === 500)?.body.temperature === Number(t),
    );
    expect(failedIndex).toBeGreaterThanOrEqual(0);
    for (const [i] of TEMPERATURES.entries()) {
      const col = compare.column(i + 1);
      if (i === failedIndex) {
        await expect(col.root.getByRole("alert")).toBeVisible();
        await expect(col.retryButton).toBeVisible();
        await expect(col.root).not.toContainText(`Fine answer ${uid}.`);
      } else {
        await expect(col.lastAssistant().root).toContainText(`Fine answer ${uid}.`);
        await expect(col.retryButton).toHaveCount(0);
      }
    }

    const failed = compare.column(failedIndex + 1);
    await failed.retryButton.click();
    await expect(failed.lastAssistant().root).toContainText(`Recovered answer ${uid}.`);
    await compare.waitForIdle();
    await expect(failed.retryButton).toHaveCount(0);
    await expect(failed.assistantArticles).toHaveCount(1);
    // Only the failed column asked again, with its own temperature.
    const after = await fake.expectChatRequests(4);
    expect(nth(after, 3).body.temperature).toBe(Number(TEMPERATURES[failedIndex]));

    const stored = await settledComparison(request, await compare.comparisonId(), 1);
    expect(stored.columns.map((c) => nth(c.messages, -1).metadata?.status)).toEqual([
      "complete",
      "complete",
      "complete",
    ]);
  });

  test("edits alone create the comparison and are saved: a reload restores every column's settings", async ({
    compare,
    request,
  }) => {
    await compare.goto();
    // Each column holds exactly one control per label (getByLabel matches substrings).
    for (const n of [1, 2]) {
      for (const label of [...Object.values(PARAM_LABEL), "Model"]) {
        await expect(compare.column(n).root.getByLabel(label)).toHaveCount(1);
      }
    }
    await compare.column(2).setParams({ temperature: "1.2", topP: "0.9", stop: "END" });
    const id = await compare.comparisonId();
    await compare.column(1).selectModel("custom", "fake-chat");
    await compare.column(1).setParams({ maxTokens: "300", system: "Be brief." });
    await expect
      .poll(async () => (await getComparison(request, id)).columns.map((c) => [c.modelId, c.params]))
      .toEqual([
        ["fake-chat", { system: "Be brief.", temperature: 0.7, maxTokens: 300 }],
        ["deepseek/deepseek-v3.2-speciale", { temperature: 1.2, topP: 0.9, maxTokens: 8192, stop: ["END"] }],
      ]);
    await compare.reload();
    await expect(compare.column(1).modelSelect).toHaveValue("custom:fake-chat");
    await expect(compare.column(1).param("maxTokens")).toHaveValue("300");
    await expect(compare.column(1).param("system")).toHaveValue("Be brief.");
    await expect(compare.column(2).param("temperature")).toHaveValue("1.2");
    await expect(compare.column(2).param("topP")).toHaveValue("0.9");
    await expect(compare.column(2).param("stop")).toHaveValue("END");
    await expect(compare.column(2).root.locator("header")).toContainText("deepseek/deepseek-v3.2-speciale");
  });

  test("Stop in one column stops only that column", async ({ compare, fake, request, uid }) => {
    // One request gets an answer far too long to finish during the test, the other a short one; the
    // columns send in parallel, so which column is slow is read off the page, never timed.
    const words = Array.from({ length: 2000 }, (_, i) => `w${i}`).join(" ");
    await fake.script([
      { reasoning: `Hm ${uid}.`, answer: `Slow ${uid} ${words} END${uid}`, chunkDelayMs: 100 },
      { reasoning: `Hm ${uid}.`, answer: `Quick ${uid} END${uid}` },
    ]);
    await compare.goto();
    await compare.column(2).setParams({ temperature: "1" });
    await compare.send(fake.message(`Count for me ${uid}`));
    const columns = [compare.column(1), compare.column(2)];
    await expect(compare.page.getByText(`Slow ${uid} w0 w1`).first()).toBeVisible();
    const slowFirst = ((await columns[0]?.root.textContent()) ?? "").includes(`Slow ${uid}`);
    const [slow, quick] = slowFirst ? [columns[0], columns[1]] : [columns[1], columns[0]];
    if (!slow || !quick) throw new Error("two columns expected");
    await expect(quick.lastAssistant().root).toContainText(`Quick ${uid} END${uid}`);
    await slow.stopButton.click();
    await compare.waitForIdle();
    await expect(slow.lastAssistant().root).toContainText("Stopped");
    await expect(slow.lastAssistant().root).not.toContainText(`END${uid}`);
    await expect(quick.lastAssistant().root).not.toContainText("Stopped");
    const stored = await settledComparison(request, await compare.comparisonId(), 1);
    expect(stored.columns.map((c) => nth(c.messages, -1).metadata?.status)).toEqual(
      slowFirst ? ["stopped", "complete"] : ["complete", "stopped"],
    );
  });

  test("the header says what differs from column 1 and warns when the model ignores it", async ({
    compare,
  }) => {
    await compare.goto();
    for (const n of [1, 2]) await compare.column(n).selectModel("deepseek", "deepseek-reasoner");
    await compare.column(1).setParams({ temperature: "0" });
    await compare.column(2).setParams({ temperature: "1.4", seed: "7" });
    const header = compare.column(2).root.locator("header");
    await expect(header).toContainText("temperature 1.4");
    await expect(header).toContainText("seed 7");
    await expect(header).toContainText(/ignores temperature: differences are sampling noise/);
    // Seed is applied by the model, so it gets no warning.
    await expect(header).not.toContainText(/ignores .*seed/);
    await expect(compare.column(1).root.locator("header")).not.toContainText("ignores");

    // Another model that applies temperature: no warning.
    await compare.column(2).selectModel("custom", "fake-reasoner");
    await expect(header).toContainText("fake-reasoner");
    await expect(header).not.toContainText("ignores");
  });

  test("columns can be duplicated and removed; the comparison is listed, renamed and deleted in the sidebar", async ({
    compare,
    fake,
    request,
    uid,
    page,
  }) => {
    await fake.script({ answer: `Listed answer ${uid}.` });
    await compare.goto();
    await compare.column(2).setParams({ temperature: "1.1", seed: "5" });
    await compare.column(2).duplicateButton.click();
    await expect(compare.columns).toHaveCount(3);
    await expect(compare.column(3).param("temperature")).toHaveValue("1.1");
    await expect(compare.column(3).param("seed")).toHaveValue("5");
    await compare.column(1).removeButton.click();
    await expect(compare.columns).toHaveCount(2);
    await expect(compare.column(1).param("temperature")).toHaveValue("1.1");
    // Two columns is the minimum.
    await expect(compare.column(1).removeButton).toBeDisabled();

    await compare.send(fake.message(`Sidebar comparison ${uid}`));
    await compare.waitForIdle();
    const id = await compare.comparisonId();
    const stored = await settledComparison(request, id, 1);
    expect(stored.columns).toHaveLength(2);
    expect(stored.title).toContain(`Sidebar comparison ${uid}`);

    const link = page.locator(`a[href="/compare/${id}"]`);
    await expect(link).toContainText(`Sidebar comparison ${uid}`);
    const item = page.getByRole("listitem").filter({ has: link });
    await item.hover();
    await item.getByRole("button", { name: "Rename", exact: true }).click();
    await page.keyboard.type(`Renamed comparison ${uid}`);
    await page.keyboard.press("Enter");
    await expect(link).toHaveText(`Renamed comparison ${uid}`);
    await expect.poll(async () => (await getComparison(request, id)).title).toBe(`Renamed comparison ${uid}`);

    await item.hover();
    await item.getByRole("button", { name: "Delete", exact: true }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText("Delete this comparison?");
    await dialog.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(link).toHaveCount(0);
    await expect(page).toHaveURL(/\/compare$/);
    expect((await request.get(`/api/comparisons/${id}`)).status()).toBe(404);
  });

  test("Diff compares two columns' latest answers word by word; Continue as chat opens a chat with the history", async ({
    compare,
    fake,
    api,
    uid,
    page,
  }) => {
    await fake.script([
      { answer: `The quick brown fox ${uid} jumps.` },
      { answer: `The slow brown fox ${uid} sleeps.` },
    ]);
    await compare.goto();
    await compare.column(2).setParams({ temperature: "1.3" });
    await compare.send(fake.message(`Tell me about foxes ${uid}`));
    await compare.waitForIdle();
    const reqs = await fake.expectChatRequests(2);
    // Column 1 (temperature 0.7 by default) got whichever answer its request was given.
    const firstIsColumn1 = nth(reqs, 0).body.temperature !== 1.3;

    await compare.diffButton.click();
    const dialog = page.getByRole("dialog");
    const diff = dialog.getByRole("region", { name: "Word diff" });
    await expect(diff.locator("del")).toHaveText(firstIsColumn1 ? ["quick", "jumps"] : ["slow", "sleeps"]);
    await expect(diff.locator("ins")).toHaveText(firstIsColumn1 ? ["slow", "sleeps"] : ["quick", "jumps"]);
    await expect(dialog.getByRole("row", { name: /Words/ })).toContainText("6");
    await page.keyboard.press("Escape");

    const column2Answer = firstIsColumn1
      ? `The slow brown fox ${uid} sleeps.`
      : `The quick brown fox ${uid} jumps.`;
    await compare.column(2).continueButton.click();
    await expect(page).toHaveURL(/\/c\/[A-Za-z0-9_-]+$/);
    const chatId = new URL(page.url()).pathname.split("/").pop() ?? "";
    await expect(page.getByRole("article", { name: /^Assistant/ })).toContainText(column2Answer);
    await expect(page.getByLabel("Temperature", { exact: true })).toHaveValue("1.3");
    const conv = await api.conversation(chatId);
    expect(conv.params).toMatchObject({ temperature: 1.3 });
    expect(textOf(nth(conv.messages, 1))).toBe(column2Answer);
  });
});
