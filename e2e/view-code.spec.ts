import { execFileSync } from "node:child_process";
import { APP_URL, FAKE_BASE_URLS, FAKE_KEYS, PRESET_MODELS } from "./env";
import { expect, nth, test } from "./fixtures";

// Text that breaks naive quoting in a shell, Python or TypeScript.
const NASTY = `it's "quoted" $HOME \`echo no\` back\\slash ✓ 漢字 😀`;

test.describe("View code", () => {
  test("an answer's curl snippet, run as shown, sends the provider the body the app sent for that answer", async ({
    chat,
    fake,
    page,
    uid,
  }) => {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: APP_URL });
    await fake.script([
      { reasoning: `Thoughts ${uid} never sent back.`, answer: `First answer ${uid} ${NASTY}` },
      { reasoning: "More thoughts.", answer: `Second answer ${uid}.` },
      { answer: "The snippet's answer." },
    ]);
    await chat.goto();
    await chat.selectModel("atlascloud", PRESET_MODELS.atlascloud);
    await chat.setParams({
      system: `System ${uid}: ${NASTY}\nsecond line`,
      temperature: "0.3",
      topP: "0.9",
      maxTokens: "777",
      presencePenalty: "-0.5",
      seed: "42",
      stop: "END\n'###'",
    });
    await chat.send(fake.message(`First ${uid} ${NASTY}`));
    await chat.waitForIdle();
    await chat.send(fake.message(`Second ${uid}`));
    await chat.waitForIdle();
    await expect(chat.lastAssistant().root).toContainText(`Second answer ${uid}.`);
    const [, sent] = await fake.expectChatRequests(2);

    const viewCode = chat.lastAssistant().root.getByRole("button", { name: "View code", exact: true });
    await viewCode.click();
    const dialog = page.getByRole("dialog", { name: "View code" });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(`POST ${FAKE_BASE_URLS.atlascloud}/chat/completions`);
    await expect(dialog.getByRole("tab", { name: "curl" })).toHaveAttribute("aria-selected", "true");
    const curl = (await dialog.getByRole("tabpanel").locator("pre").textContent()) ?? "";
    expect(curl).toContain('"Authorization: Bearer $ATLASCLOUD_API_KEY"');
    expect(curl).not.toContain(FAKE_KEYS.atlascloud);

    // Copy puts exactly the snippet on the clipboard.
    await dialog.getByRole("button", { name: "Copy", exact: true }).click();
    await expect(dialog.getByRole("button", { name: "Copied", exact: true })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(curl);

    // Run it in a shell with the key in its variable: the fake provider records a third request.
    execFileSync("bash", ["-c", curl], {
      env: { ...process.env, ATLASCLOUD_API_KEY: FAKE_KEYS.atlascloud },
      stdio: "ignore",
      timeout: 15_000,
    });
    const third = nth(await fake.expectChatRequests(3), 2);
    expect(third.body).toEqual(sent.body);
    expect(third.headers.authorization).toBe(`Bearer ${FAKE_KEYS.atlascloud}`);
    // The history as sent: the first answer without its reasoning.
    expect(JSON.stringify(third.body)).not.toContain(`Thoughts ${uid}`);

    await dialog.getByRole("tab", { name: "Python" }).click();
    const python = dialog.getByRole("tabpanel");
    await expect(python).toContainText('api_key=os.environ["ATLASCLOUD_API_KEY"]');
    await expect(python).toContainText(`base_url="${FAKE_BASE_URLS.atlascloud}"`);
    await expect(python).toContainText("presence_penalty=-0.5");
    await dialog.getByRole("tab", { name: "TypeScript" }).click();
    const ts = dialog.getByRole("tabpanel");
    await expect(ts).toContainText("apiKey: process.env.ATLASCLOUD_API_KEY");
    await expect(ts).toContainText("maxOutputTokens: 777");
    await expect(ts).toContainText('stopSequences: [\n    "END",\n    "\'###\'",\n  ]');

    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(viewCode).toBeFocused();
  });

  test("the panel's View code shows the request the composer will send, and the send matches it", async ({
    chat,
    fake,
    page,
    uid,
  }) => {
    await fake.script([{ answer: `One ${uid}.` }, { answer: `Two ${uid}.` }]);
    await chat.goto();
    await chat.selectModel("aimlapi", PRESET_MODELS.aimlapi);
    await chat.setParams({ system: `Terse ${uid}.`, temperature: "1.1", seed: "5", stop: "" });
    await chat.send(fake.message(`Before ${uid}`));
    await chat.waitForIdle();

    const next = fake.message(`Next ${uid} ${NASTY}`);
    await chat.composer.fill(next);
    const panel = page.getByRole("complementary", { name: "Parameters" });
    const shown = page.waitForResponse(
      (r) => r.url().endsWith("/api/view-code") && r.request().method() === "POST",
    );
    await panel.getByRole("button", { name: "View code", exact: true }).click();
    const code = (await (await shown).json()) as { body: unknown };
    const dialog = page.getByRole("dialog", { name: "View code" });
    await expect(dialog.getByRole("tabpanel")).toContainText("$AIMLAPI_API_KEY");
    await page.keyboard.press("Escape");

    await chat.sendButton.click();
    await chat.waitForIdle();
    const second = nth(await fake.expectChatRequests(2), 1);
    expect(second.body).toEqual(code.body);
  });

  test("the API: the owner's answers only, a bad parameter is a 400 naming it", async ({ request }) => {
    const missing = await request.get("/api/view-code?messageId=no-such-answer");
    expect(missing.status()).toBe(404);
    expect((await missing.json()).error.field).toBe("messageId");

    const bad = await request.post("/api/view-code", {
      data: {
        conversationId: "c-view-code",
        providerId: "aimlapi",
        modelId: PRESET_MODELS.aimlapi,
        params: { topP: 0 },
      },
    });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.field).toBe("params.topP");

    const offline = await request.post("/api/view-code", {
      data: {
        conversationId: "c-view-code",
        providerId: "offline",
        modelId: "offline/ngram",
        params: {},
        text: "Hi",
      },
    });
    expect(offline.status()).toBe(200);
    const body = await offline.json();
    expect(body.baseUrl).toBe(`${APP_URL}/api/offline/v1`);
    expect(body.keyEnv).toBeUndefined();
    expect(body.snippets.curl).not.toContain("Authorization");
  });
});
