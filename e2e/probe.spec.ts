import type { Page } from "@playwright/test";
import { APP_URL, OFFLINE_APP_URL, OFFLINE_MODEL } from "./env";
import { expect, fakeProvider, test } from "./fixtures";

// The probe's fixed prompt and budget (lib/probe/plan.ts).
const PROBE_PROMPT = "Describe the sea at night in a few sentences.";
const PARAMS = ["temperature", "top_p", "seed", "frequency_penalty", "presence_penalty"];
// A listed model no other spec uses: a probe's verdicts apply to every page showing that model.
const FAKE_MODEL = "openai/gpt-4o-mini";

/** Run the probe from the panel: the dialog says what is spent, then shows the verdicts. */
async function runProbe(page: Page) {
  await page.getByRole("button", { name: "Test parameters" }).click();
  const dialog = page.getByRole("dialog", { name: "Test parameters" });
  await expect(dialog).toContainText("This sends 11 requests of at most 64 tokens each");
  await dialog.getByRole("button", { name: "Send 11 requests" }).click();
  await expect(dialog.getByRole("list", { name: "Verdicts" })).toBeVisible({ timeout: 60_000 });
  return dialog;
}

/** The probe requests the fake provider received for `model` (they carry the fixed prompt, no script marker). */
async function probeRequests(model: string) {
  const all = await fakeProvider.requests({ prefix: "aimlapi" });
  return all.filter(
    (r) =>
      r.method === "POST" &&
      r.body?.model === model &&
      JSON.stringify(r.body?.messages ?? []).includes(PROBE_PROMPT),
  );
}

test.describe("effectiveness probe", () => {
  test.describe("offline model", () => {
    test.use({ baseURL: OFFLINE_APP_URL });

    test("every sampling parameter has an effect, and the verdicts stay in the panel after a reload", async ({
      chat,
      page,
      request,
    }) => {
      await chat.goto();
      await expect(chat.modelSelect).toHaveValue(`offline:${OFFLINE_MODEL}`);
      const dialog = await runProbe(page);
      const verdicts = dialog.getByRole("list", { name: "Verdicts" });
      for (const p of PARAMS) await expect(verdicts).toContainText(`${p}: has an effect`);
      // The evidence: each request's parameters as sent, and its answer.
      await expect(dialog).toContainText("max_tokens 64 · temperature 0");
      await expect(dialog).toContainText("temperature 1.5 · top_p 0.01");
      await dialog.getByRole("button", { name: "Close" }).click();

      const results = page.getByRole("list", { name: "Parameter test results" });
      for (const p of PARAMS) await expect(results).toContainText(`${p}: has an effect`);
      await chat.reload();
      for (const p of PARAMS) await expect(results).toContainText(`${p}: has an effect`);
      await expect(page.getByText(/^Parameter test · \d{4}-\d{2}-\d{2}$/)).toBeVisible();

      const res = await request.get(
        `/api/probes?providerId=offline&modelId=${encodeURIComponent(OFFLINE_MODEL)}`,
      );
      expect(res.status()).toBe(200);
      const { probe } = (await res.json()) as {
        probe: { samples: unknown[]; verdicts: { verdict: string }[] };
      };
      expect(probe.samples).toHaveLength(11);
      expect(probe.verdicts.map((v) => v.verdict)).toEqual(Array(5).fill("effect"));
    });
  });

  test("a provider answering the same text whatever the temperature: temperature appears ignored, within 12 requests of 64 tokens", async ({
    chat,
    compare,
    page,
  }) => {
    const before = (await probeRequests(FAKE_MODEL)).length;
    await chat.goto();
    await chat.selectModel("aimlapi", FAKE_MODEL);
    const dialog = await runProbe(page);
    const verdicts = dialog.getByRole("list", { name: "Verdicts" });
    await expect(verdicts).toContainText("temperature: appears ignored");
    await expect(verdicts).toContainText(
      "Temperature 0 and temperature 1.5 gave the same answer, four times out of four.",
    );
    await expect(verdicts).toContainText("top_p: inconclusive");

    const sent = (await probeRequests(FAKE_MODEL)).slice(before);
    expect(sent.length).toBeLessThanOrEqual(12);
    expect(sent).toHaveLength(11);
    for (const r of sent) {
      expect(r.body?.max_tokens).toBe(64);
      expect(r.body?.stream).toBe(true);
    }
    // The chat's parameter mapping, within AI/ML API's limits (top_p at least 0.01, seed at least 1).
    expect(sent.map((r) => r.body?.temperature).sort()).toEqual([
      0, 0, 0, 0, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5,
    ]);
    expect(sent.filter((r) => r.body?.top_p === 0.01)).toHaveLength(2);
    expect(new Set(sent.map((r) => r.body?.seed).filter((s) => s !== undefined))).toEqual(
      new Set([1234, 98765]),
    );
    await dialog.getByRole("button", { name: "Close" }).click();

    const results = page.getByRole("list", { name: "Parameter test results" });
    await chat.reload();
    await chat.selectModel("aimlapi", FAKE_MODEL);
    await expect(results).toContainText("temperature: appears ignored");
    // Details reopens the stored evidence.
    await page.getByRole("button", { name: "Details" }).click();
    await expect(page.getByRole("dialog", { name: "Test parameters" })).toContainText(
      "Temperature 0 and temperature 1.5 gave the same answer",
    );
    await page.keyboard.press("Escape");

    // A comparison varying temperature on that model warns with the probe's words; each column shows the verdicts.
    await compare.goto();
    for (const n of [1, 2]) await compare.column(n).selectModel("aimlapi", FAKE_MODEL);
    await compare.column(1).setParams({ temperature: "0" });
    await compare.column(2).setParams({ temperature: "1.4", seed: "7" });
    const header = compare.column(2).root.locator("header");
    await expect(header).toContainText(
      /appears to ignore temperature \(tested \d{4}-\d{2}-\d{2}\): differences are sampling noise/,
    );
    await expect(header).not.toContainText(/ignore .*seed/);
    await expect(compare.column(2).root.getByRole("list", { name: "Parameter test results" })).toContainText(
      "temperature: appears ignored",
    );
    await expect(compare.column(2).root.getByRole("button", { name: "Test parameters" })).toBeVisible();
  });

  test("API: fields are checked, cross-site posts are refused, a second probe of the same model while one runs joins it, a refusing provider gives inconclusive verdicts with its error", async ({
    request,
  }) => {
    const bad = await request.post("/api/probes", { data: { providerId: "aimlapi" } });
    expect(bad.status()).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("modelId");
    const unknown = await request.post("/api/probes", { data: { providerId: "p-nowhere", modelId: "m" } });
    expect(unknown.status()).toBe(400);
    expect(JSON.stringify(await unknown.json())).toContain("providerId");
    const badQuery = await request.get("/api/probes?providerId=aimlapi");
    expect(badQuery.status()).toBe(400);
    const crossSite = await request.post("/api/probes", {
      data: { providerId: "atlascloud", modelId: "deepseek-ai/DeepSeek-V3.2" },
      headers: { origin: "https://evil.example" },
    });
    expect(crossSite.status()).toBe(403);

    const model = "deepseek-ai/DeepSeek-V3.2";
    const none = await request.get(`/api/probes?providerId=atlascloud&modelId=${encodeURIComponent(model)}`);
    expect(await none.json()).toEqual({ probe: null, running: null });
    const beforeAll = await fakeProvider.requests({ prefix: "atlascloud" });
    const count = (list: typeof beforeAll) =>
      list.filter(
        (r) => r.body?.model === model && JSON.stringify(r.body?.messages ?? []).includes(PROBE_PROMPT),
      ).length;
    const [a, b] = await Promise.all(
      [0, 1].map(() =>
        request.post(`${APP_URL}/api/probes`, {
          data: { providerId: "atlascloud", modelId: model },
          timeout: 60_000,
        }),
      ),
    );
    expect([a.status(), b.status()]).toEqual([201, 201]);
    const [pa, pb] = [(await a.json()).probe, (await b.json()).probe];
    expect(pb.id).toBe(pa.id);
    expect(count(await fakeProvider.requests({ prefix: "atlascloud" })) - count(beforeAll)).toBe(11);
    const latest = await request.get(
      `/api/probes?providerId=atlascloud&modelId=${encodeURIComponent(model)}`,
    );
    expect((await latest.json()).probe.id).toBe(pa.id);

    // A provider that refuses every request: every verdict inconclusive, with the provider's own words.
    const refused = await request.post("/api/probes", {
      data: { providerId: "atlascloud", modelId: "no-such-model" },
      timeout: 60_000,
    });
    expect(refused.status()).toBe(201);
    const { probe } = (await refused.json()) as {
      probe: { samples: { error?: string }[]; verdicts: { verdict: string; reason: string }[] };
    };
    expect(probe.samples).toHaveLength(11);
    expect(probe.samples.every((s) => s.error?.includes("Atlas Cloud answered 404"))).toBe(true);
    expect(probe.verdicts.map((v) => v.verdict)).toEqual(Array(5).fill("inconclusive"));
    expect(probe.verdicts[0].reason).toMatch(
      /^Request cold-1 failed: Atlas Cloud answered 404: .*no-such-model/,
    );
  });
});
