import { randomBytes } from "node:crypto";
import net from "node:net";
import type { APIRequestContext, Page, Response } from "@playwright/test";
import { authContext } from "./auth-helpers";
import { FAKE_BASE_URLS, FAKE_KEYS, FAKE_URL, PRESET_MODELS, secretFragments } from "./env";
import { expect, fakeProvider, nth, test } from "./fixtures";

interface ProviderSettings {
  id: string;
  name: string;
  key: string | null;
  status?: { reachable: boolean; error?: string; modelCount?: number };
}

/** Every text body the page received (documents, RSC payloads, API answers, streams), gathered as they end. */
function recordBodies(page: Page): () => Promise<string[]> {
  const pending: Promise<string>[] = [];
  page.on("response", (res: Response) => {
    pending.push(res.text().catch(() => ""));
  });
  return () => Promise.all(pending);
}

async function providerByName(request: APIRequestContext, name: string): Promise<ProviderSettings> {
  const res = await request.get("/api/settings/providers");
  expect(res.status()).toBe(200);
  const { providers } = (await res.json()) as { providers: ProviderSettings[] };
  const found = providers.find((p) => p.name === name);
  if (!found) throw new Error(`no provider named ${name}`);
  return found;
}

/** A port nothing listens on: taken from the system, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const card = (page: Page, name: string) => page.getByRole("listitem", { name, exact: true });

async function addProvider(
  page: Page,
  fields: { name: string; baseUrl: string; apiKey?: string; defaultModel?: string },
): Promise<void> {
  await page.getByRole("button", { name: "Add provider" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a provider" });
  await dialog.getByLabel("Name", { exact: true }).fill(fields.name);
  await dialog.getByLabel("Base URL", { exact: true }).fill(fields.baseUrl);
  if (fields.apiKey) await dialog.getByLabel("API key", { exact: true }).fill(fields.apiKey);
  if (fields.defaultModel)
    await dialog.getByLabel("Default model", { exact: true }).fill(fields.defaultModel);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
}

test.describe("settings: providers without a restart", () => {
  test("lists every provider with where it is configured from and a live status; Check again asks the host", async ({
    page,
  }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "Settings" }).click();
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByRole("main", { name: "Settings" })).toBeVisible();

    const aiml = card(page, "AI/ML API");
    await expect(aiml).toContainText("Environment");
    await expect(aiml).toContainText("set in AIMLAPI_API_KEY");
    await expect(aiml).toContainText("Reachable · lists 3 models");
    await expect(aiml).toContainText(PRESET_MODELS.aimlapi);
    await expect(aiml).toContainText("listed");
    await expect(aiml).not.toContainText("not listed");
    // Environment-configured presets are shown, not editable here.
    await expect(aiml.getByRole("button", { name: "Set key" })).toHaveCount(0);
    await expect(aiml.getByRole("button", { name: "Replace key" })).toHaveCount(0);
    for (const name of ["Atlas Cloud", "DeepSeek", "OpenAI-compatible"]) {
      await expect(card(page, name)).toContainText("Reachable");
    }
    await expect(card(page, "DeepSeek")).toContainText("Reachable · lists 2 models");
    await expect(card(page, "Offline demo")).toContainText("Built in");

    // Neither keys nor the environment's base URLs reach the page (a custom provider another test adds at the
    // fake's address may be listed meanwhile: its card shows the URL its user typed).
    const html = await page.content();
    for (const key of Object.values(FAKE_KEYS)) expect(html).not.toContain(key);
    for (const name of ["AI/ML API", "Atlas Cloud", "DeepSeek", "OpenAI-compatible", "Offline demo"]) {
      const cardHtml = await card(page, name).innerHTML();
      for (const fragment of secretFragments()) expect(cardHtml).not.toContain(fragment);
    }

    const modelsRequests = async () =>
      (await fakeProvider.requests({ prefix: "deepseek" })).filter((r) => r.path.endsWith("/models")).length;
    const before = await modelsRequests();
    await card(page, "DeepSeek").getByRole("button", { name: "Check again" }).click();
    await expect.poll(modelsRequests).toBeGreaterThan(before);
    await expect(card(page, "DeepSeek")).toContainText("Reachable · lists 2 models");
  });

  test("a provider added here answers in chat with the key entered, which no response ever contains; edit, remove", async ({
    page,
    chat,
    fake,
    uid,
  }) => {
    const bodies = recordBodies(page);
    // Random, sharing nothing with the test's texts (which carry the uid): the redactor removes any run of a key.
    const key = `sk-ui-${randomBytes(9).toString("base64url")}`;
    const newKey = `sk-ui2-${randomBytes(9).toString("base64url")}`;
    const name = `Fake host ${uid}`;

    await page.goto("/settings");
    await addProvider(page, { name, baseUrl: FAKE_BASE_URLS.custom, apiKey: key, defaultModel: "fake-chat" });
    const added = card(page, name);
    await expect(added).toContainText("Set here");
    await expect(added).toContainText(`•••• ${key.slice(-4)}`);
    await expect(added).toContainText("Reachable · lists 2 models");
    await expect(added).toContainText("fake-chat");
    await expect(added).not.toContainText("not listed");
    const { id } = await providerByName(page.request, name);
    expect(id).toMatch(/^p-[0-9a-f]{12}$/);

    // Usable in chat at once: in the model menu, and the host gets the key entered.
    await fake.script({ reasoning: `Thinking about ${uid}.`, answer: `Hello from the added host ${uid}.` });
    await chat.goto();
    await chat.selectModel(id, "fake-chat");
    await chat.send(fake.message(`Hi ${uid}`));
    await chat.waitForIdle();
    await expect(chat.lastAssistant().root).toContainText(`Hello from the added host ${uid}.`);
    const [sent] = await fake.expectChatRequests(1);
    expect(sent?.prefix).toBe("custom");
    expect(sent?.headers.authorization).toBe(`Bearer ${key}`);
    expect(sent?.body.model).toBe("fake-chat");
    const conversationId = await chat.conversationId();

    // Edit: a new name and a new key, used by the next request without a restart.
    await page.goto("/settings");
    await card(page, name).getByRole("button", { name: "Edit" }).click();
    const dialog = page.getByRole("dialog", { name: `Edit ${name}` });
    await expect(dialog.getByLabel("Base URL", { exact: true })).toHaveValue(FAKE_BASE_URLS.custom);
    await expect(dialog.getByLabel("API key", { exact: true })).toHaveValue("");
    await dialog.getByLabel("Name", { exact: true }).fill(`${name} renamed`);
    await dialog.getByLabel("API key", { exact: true }).fill(newKey);
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden();
    // Focus goes back to the button that opened the dialog.
    await expect(card(page, `${name} renamed`).getByRole("button", { name: "Edit" })).toBeFocused();
    await expect(card(page, `${name} renamed`)).toContainText(`•••• ${newKey.slice(-4)}`);

    await chat.goto(`/c/${conversationId}`);
    await expect(chat.modelSelect).toHaveValue(`${id}:fake-chat`);
    await chat.send(fake.message(`Again ${uid}`));
    await chat.waitForIdle();
    const requests = await fake.expectChatRequests(2);
    expect(nth(requests, -1).headers.authorization).toBe(`Bearer ${newKey}`);

    // A comparison column takes it like a preset.
    const comparison = await page.request.post("/api/comparisons", {
      data: {
        columns: [
          { providerId: id, modelId: "fake-chat", params: {} },
          { providerId: "aimlapi", modelId: PRESET_MODELS.aimlapi, params: {} },
        ],
      },
    });
    expect(comparison.status(), await comparison.text()).toBe(201);
    const { id: comparisonId } = (await comparison.json()) as { id: string };
    expect((await page.request.delete(`/api/comparisons/${comparisonId}`)).status()).toBe(204);

    // The export names the provider and holds no key.
    const exported = await page.request.get(`/api/conversations/${conversationId}/export?format=json`);
    const exportText = await exported.text();
    expect(exportText).toContain(id);

    // Remove: gone from the page and the catalog; a request naming it is refused.
    await page.goto("/settings");
    await card(page, `${name} renamed`).getByRole("button", { name: "Remove" }).click();
    await page
      .getByRole("dialog", { name: `Remove ${name} renamed?` })
      .getByRole("button", { name: "Remove" })
      .click();
    await expect(card(page, `${name} renamed`)).toHaveCount(0);
    // Its card is gone, so the focus moves to "Add provider" rather than to nothing.
    await expect(page.getByRole("button", { name: "Add provider" })).toBeFocused();
    const catalog = (await (await page.request.get("/api/providers")).json()) as {
      providers: { id: string }[];
    };
    expect(catalog.providers.map((p) => p.id)).not.toContain(id);
    const refused = await page.request.post("/api/chat", {
      data: {
        conversationId: `c-${uid}`,
        trigger: "submit",
        message: { id: `m-${uid}`, text: "hello" },
        providerId: id,
        modelId: "fake-chat",
        params: {},
      },
    });
    expect(refused.status()).toBe(400);
    expect(((await refused.json()) as { error: { field: string } }).error.field).toBe("providerId");

    // Not a character of either key in anything the app served: pages, payloads, API answers, streams.
    const served = [...(await bodies()), await page.content(), exportText];
    expect(served.length).toBeGreaterThan(10);
    for (const body of served) {
      for (const secret of [
        key,
        newKey,
        key.slice(-10),
        newKey.slice(-10),
        key.slice(0, 12),
        newKey.slice(0, 12),
      ]) {
        expect(body).not.toContain(secret);
      }
    }
  });

  test("an unreachable host shows its error; a bad base URL is refused naming the field", async ({
    page,
    uid,
  }) => {
    const port = await closedPort();
    const down = `Down ${uid}`;
    const refusing = `Refusing ${uid}`;
    try {
      await page.goto("/settings");
      await addProvider(page, { name: down, baseUrl: `http://127.0.0.1:${port}/v1` });
      await expect(card(page, down)).toContainText("Unreachable: connection refused (ECONNREFUSED)");

      // The host's own message, here a 401 for a missing key.
      await addProvider(page, { name: refusing, baseUrl: `${FAKE_URL}/aimlapi/v1` });
      await expect(card(page, refusing)).toContainText(
        "Unreachable: GET /models answered 401: Authentication Fails, no api key provided or it is malformed",
      );
      await card(page, refusing).getByRole("button", { name: "Check again" }).click();
      await expect(card(page, refusing)).toContainText("answered 401");

      await page.getByRole("button", { name: "Add provider" }).click();
      const dialog = page.getByRole("dialog", { name: "Add a provider" });
      await dialog.getByLabel("Name", { exact: true }).fill(`Bad ${uid}`);
      await dialog.getByLabel("Base URL", { exact: true }).fill("https://user:secret@example.com/v1");
      await dialog.getByRole("button", { name: "Save" }).click();
      const baseUrl = dialog.getByLabel("Base URL", { exact: true });
      await expect(baseUrl).toHaveAttribute("aria-invalid", "true");
      await expect(baseUrl).toBeFocused();
      await expect(dialog).toContainText("Base URL must not contain a user name or password");
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await expect(card(page, `Bad ${uid}`)).toHaveCount(0);
    } finally {
      for (const name of [down, refusing]) {
        const p = await providerByName(page.request, name).catch(() => undefined);
        if (p) expect((await page.request.delete(`/api/settings/providers/${p.id}`)).status()).toBe(204);
      }
    }
  });

  test("the API refuses what it must: env presets, unknown ids, bad fields, cross-site writes", async ({
    request,
    uid,
  }) => {
    const preset = await request.patch("/api/settings/providers/aimlapi", {
      data: { apiKey: "sk-0123456789abcdef" },
    });
    expect(preset.status()).toBe(409);
    expect(await preset.json()).toMatchObject({
      error: { field: "apiKey", message: expect.stringContaining("AIMLAPI_API_KEY") },
    });

    expect((await request.patch("/api/settings/providers/p-nothing", { data: { name: "x" } })).status()).toBe(
      404,
    );
    expect((await request.delete("/api/settings/providers/p-nothing")).status()).toBe(404);
    expect((await request.post("/api/settings/providers/p-nothing/check")).status()).toBe(404);

    const bad = await request.post("/api/settings/providers", {
      data: { name: `X ${uid}`, baseUrl: "file:///etc/passwd" },
    });
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { field: "baseUrl" } });

    const crossSite = await request.post("/api/settings/providers", {
      headers: { origin: "https://evil.example" },
      data: { name: `Evil ${uid}`, baseUrl: "https://evil.example/v1" },
    });
    expect(crossSite.status()).toBe(403);
    const list = await (await request.get("/api/settings/providers")).text();
    expect(list).not.toContain(`Evil ${uid}`);
    expect(list).not.toContain(`X ${uid}`);
  });

  test("with a password, only a signed-in session can see or change providers", async ({ uid }) => {
    const anonymous = await authContext({ signedIn: false });
    const owner = await authContext();
    try {
      const data = { name: `Anon ${uid}`, baseUrl: FAKE_BASE_URLS.custom, apiKey: "sk-anonymous-0123456789" };
      expect((await anonymous.get("/api/settings/providers")).status()).toBe(401);
      expect((await anonymous.post("/api/settings/providers", { data })).status()).toBe(401);
      expect(
        (
          await anonymous.patch("/api/settings/providers/aimlapi", { data: { apiKey: "sk-x1234567" } })
        ).status(),
      ).toBe(401);
      expect((await anonymous.delete("/api/settings/providers/aimlapi")).status()).toBe(401);
      const page = await anonymous.get("/settings", { maxRedirects: 0 });
      expect(page.status()).toBe(307);
      expect(page.headers().location).toMatch(/\/login/);

      const created = await owner.post("/api/settings/providers", { data });
      expect(created.status()).toBe(201);
      const { id } = (await created.json()) as ProviderSettings;
      expect((await owner.delete(`/api/settings/providers/${id}`)).status()).toBe(204);
    } finally {
      await anonymous.dispose();
      await owner.dispose();
    }
  });
});
