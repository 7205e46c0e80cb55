import type { Page } from "@playwright/test";
import { FAKE_BASE_URLS, FAKE_KEYS, PRESET_MODELS } from "./env";
import { expect, nth, test } from "./fixtures";

/** The Presets menu of a parameter set (the chat panel, or a comparison column). */
function presets(page: Page, scope = page.getByRole("complementary", { name: "Parameters" })) {
  return {
    open: () => scope.getByRole("button", { name: "Presets", exact: true }).click(),
    item: (name: string) => page.getByRole("menuitem", { name: new RegExp(`^${name}`) }),
    saveButton: scope.getByRole("button", { name: "Save preset", exact: true }),
  };
}

test.describe("presets", () => {
  test("save, apply, refuse what the provider cannot take, rename, delete — in chat", async ({
    chat,
    fake,
    page,
    uid,
  }) => {
    await fake.script({ answer: `Preset answer ${uid}.` });
    await chat.goto();
    await chat.selectModel("atlascloud", PRESET_MODELS.atlascloud);
    await chat.setParams({ system: `Be brief ${uid}.`, temperature: "0.3", topP: "0", seed: "7", stop: "" });
    const menu = presets(page);

    // Save preset: a small dialog with the field "Preset name".
    await menu.saveButton.click();
    const dialog = page.getByRole("dialog", { name: "Save preset" });
    await dialog.getByLabel("Preset name").fill(`Mine ${uid}`);
    await dialog.getByRole("button", { name: "Save", exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(menu.saveButton).toBeFocused();

    // The same name again: refused, with the reason, and the offer to replace it.
    await menu.saveButton.click();
    await dialog.getByLabel("Preset name").fill(`Mine ${uid}`);
    await dialog.getByRole("button", { name: "Save", exact: true }).click();
    await expect(dialog.getByRole("alert")).toHaveText(`A preset named "Mine ${uid}" already exists`);
    await expect(dialog.getByRole("button", { name: "Replace it" })).toBeVisible();
    await page.keyboard.press("Escape");

    // Reset, then apply it: every field comes back, and the send carries it.
    await page.getByRole("button", { name: "Reset to defaults" }).click();
    await expect(chat.page.getByLabel("Temperature", { exact: true })).toHaveValue("0.7");
    await menu.open();
    await menu.item(`Mine ${uid}`).click();
    await expect(page.getByLabel("System prompt", { exact: true })).toHaveValue(`Be brief ${uid}.`);
    await expect(page.getByLabel("Temperature", { exact: true })).toHaveValue("0.3");
    await expect(page.getByLabel("Seed", { exact: true })).toHaveValue("7");
    await chat.send(fake.message(`With preset ${uid}`));
    await chat.waitForIdle();
    const sent = nth(await fake.expectChatRequests(1), 0).body;
    expect(sent).toMatchObject({ temperature: 0.3, top_p: 0, seed: 7 });
    expect(sent.messages?.[0]).toEqual({ role: "system", content: `Be brief ${uid}.` });

    // AI/ML API needs top_p >= 0.01: the preset is refused, with the provider's limit, and nothing changes.
    await chat.selectModel("aimlapi", PRESET_MODELS.aimlapi);
    await page.getByLabel("Top P", { exact: true }).fill("0.5");
    await menu.open();
    await menu.item(`Mine ${uid}`).click();
    await expect(page.getByText("Top P must be at least 0.01 for this provider")).toBeVisible();
    await expect(page.getByLabel("Top P", { exact: true })).toHaveValue("0.5");

    // Built-ins: Deterministic keeps the system prompt; Long reasoning takes the model's limit.
    await menu.open();
    await menu.item("Deterministic").click();
    await expect(page.getByLabel("Temperature", { exact: true })).toHaveValue("0");
    await expect(page.getByLabel("Seed", { exact: true })).toHaveValue("42");
    await expect(page.getByLabel("Top P", { exact: true })).toHaveValue("");
    await expect(page.getByLabel("System prompt", { exact: true })).toHaveValue(`Be brief ${uid}.`);
    await menu.open();
    await menu.item("Long reasoning").click();
    await expect(page.getByLabel("Max tokens", { exact: true })).toHaveValue("131072");

    // Rename and delete from Manage presets; the change survives a reload.
    await menu.open();
    await page.getByRole("menuitem", { name: "Manage presets…" }).click();
    const manage = page.getByRole("dialog", { name: "Manage presets" });
    await manage.getByRole("button", { name: `Rename Mine ${uid}` }).click();
    await manage.getByLabel(`New name for Mine ${uid}`).fill(`Renamed ${uid}`);
    await manage.getByRole("button", { name: "Save", exact: true }).click();
    await expect(manage.getByText(`Renamed ${uid}`, { exact: true })).toBeVisible();
    await page.keyboard.press("Escape");
    await chat.reload();
    await menu.open();
    await expect(menu.item(`Renamed ${uid}`)).toBeVisible();
    await expect(menu.item(`Mine ${uid}`)).toHaveCount(0);
    await page.getByRole("menuitem", { name: "Manage presets…" }).click();
    await manage.getByRole("button", { name: `Delete Renamed ${uid}` }).click();
    await expect(manage.getByText(`Renamed ${uid}`, { exact: true })).toHaveCount(0);
    await page.keyboard.press("Escape");
    await menu.open();
    await expect(menu.item(`Renamed ${uid}`)).toHaveCount(0);
  });

  test("a comparison column applies a preset; the API refuses a duplicate (409) and a bad parameter (400)", async ({
    compare,
    page,
    request,
    uid,
  }) => {
    const created = await request.post("/api/presets", {
      data: { name: `Column ${uid}`, params: { temperature: 1.4, maxTokens: 300 } },
    });
    expect(created.status()).toBe(201);
    const dup = await request.post("/api/presets", { data: { name: `Column ${uid}`, params: {} } });
    expect(dup.status()).toBe(409);
    expect((await dup.json()).error.field).toBe("name");
    const bad = await request.post("/api/presets", {
      data: { name: `Bad ${uid}`, params: { temperature: 9 } },
    });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.field).toBe("params.temperature");

    await compare.goto();
    const column2 = compare.columns.nth(1);
    const menu = presets(page, column2);
    await menu.open();
    await menu.item(`Column ${uid}`).click();
    await expect(column2.getByLabel("Temperature", { exact: true })).toHaveValue("1.4");
    await expect(column2.locator("header")).toContainText("temperature 1.4");
    await expect(compare.columns.nth(0).getByLabel("Temperature", { exact: true })).not.toHaveValue("1.4");

    // The column's View code: its settings and the shared composer's text.
    await compare.composer.fill(`Draft ${uid}`);
    await column2.getByRole("button", { name: "View code", exact: true }).click();
    const code = page.getByRole("dialog", { name: "View code" }).getByRole("tabpanel");
    await expect(code).toContainText(`"content": "Draft ${uid}"`);
    await expect(code).toContainText('"temperature": 1.4');
    await page.keyboard.press("Escape");

    const id = ((await created.json()) as { id: string }).id;
    expect((await request.delete(`/api/presets/${id}`)).status()).toBe(204);
  });

  test("presets travel in a conversation's JSON export and come back on import, never overwriting one", async ({
    request,
    uid,
  }) => {
    const file = {
      format: "speciale-playground/conversation",
      version: 1,
      exportedAt: Date.now(),
      presets: [{ name: `Imported ${uid}`, params: { temperature: 0.2, system: `Sys ${uid}` } }],
      conversation: {
        title: `Presets export ${uid}`,
        providerId: "offline",
        modelId: "offline/ngram",
        params: {},
        createdAt: Date.now(),
        updatedAt: Date.now(),
        messages: [],
      },
    };
    const imported = await request.post("/api/conversations/import", { data: file });
    expect(imported.status()).toBe(201);
    const list = async () =>
      (
        (await (await request.get("/api/presets")).json()) as {
          presets: { id: string; name: string; params: unknown }[];
        }
      ).presets;
    const mine = (await list()).filter((p) => p.name.startsWith(`Imported ${uid}`));
    expect(mine.map((p) => [p.name, p.params])).toEqual([
      [`Imported ${uid}`, { temperature: 0.2, system: `Sys ${uid}` }],
    ]);

    // The export carries them; importing it again adds nothing, another preset under that name is kept apart.
    const { id } = (await imported.json()) as { id: string };
    const exported = await (await request.get(`/api/conversations/${id}/export?format=json`)).json();
    expect(exported.presets).toContainEqual({
      name: `Imported ${uid}`,
      params: { temperature: 0.2, system: `Sys ${uid}` },
    });
    expect((await request.post("/api/conversations/import", { data: exported })).status()).toBe(201);
    const changed = { ...file, presets: [{ name: `Imported ${uid}`, params: { temperature: 1 } }] };
    expect((await request.post("/api/conversations/import", { data: changed })).status()).toBe(201);
    const after = (await list()).filter((p) => p.name.startsWith(`Imported ${uid}`));
    expect(after.map((p) => [p.name, p.params])).toEqual([
      [`Imported ${uid}`, { temperature: 0.2, system: `Sys ${uid}` }],
      [`Imported ${uid} (imported)`, { temperature: 1 }],
    ]);
    for (const p of after) await request.delete(`/api/presets/${p.id}`);
  });

  test("compare: the same model id on two providers is told apart in the header, the chip and the answers", async ({
    compare,
    fake,
    page,
    request,
    uid,
  }) => {
    // A provider added in Settings serving the same model as the DeepSeek preset.
    const res = await request.post("/api/settings/providers", {
      data: {
        name: `Mirror ${uid}`,
        baseUrl: FAKE_BASE_URLS.deepseek,
        apiKey: FAKE_KEYS.deepseek,
        defaultModel: "deepseek-reasoner",
      },
    });
    expect(res.status()).toBe(201);
    const mirror = ((await res.json()) as { id: string }).id;
    try {
      await fake.script({ answer: `Same model ${uid}.` });
      await compare.goto();
      const [one, two] = [compare.columns.nth(0), compare.columns.nth(1)];
      await one.getByLabel("Model", { exact: true }).selectOption("deepseek:deepseek-reasoner");
      await two.getByLabel("Model", { exact: true }).selectOption(`${mirror}:deepseek-reasoner`);
      await expect(one.locator("header")).toContainText("DeepSeek · deepseek-reasoner");
      await expect(two.locator("header")).toContainText(`Mirror ${uid} · deepseek-reasoner`);
      // the "what differs" chip names the provider, not the (same) model
      await expect(two.locator("header")).not.toContainText("same settings as column 1");
      await expect(two.locator("header").getByText(`Mirror ${uid}`, { exact: true })).toBeVisible();

      await compare.send(fake.message(`Which provider ${uid}`));
      await compare.waitForIdle();
      await expect(one.getByRole("article", { name: /^Assistant/ })).toContainText(
        "DeepSeek · deepseek-reasoner",
      );
      await expect(two.getByRole("article", { name: /^Assistant/ })).toContainText(
        `Mirror ${uid} · deepseek-reasoner`,
      );
      await page.screenshot({ path: test.info().outputPath("compare-providers.png") });
    } finally {
      await request.delete(`/api/settings/providers/${mirror}`);
    }
  });
});
