import fs from "node:fs";
import type { ApiConversation } from "./app-api";
import { PRESET_MODELS } from "./env";
import { expect, test } from "./fixtures";
import { ShareDialog, SharedPage } from "./pages/share-page";

test.describe("share links", () => {
  test("a link shows a snapshot to a visitor without a session, updates at the same URL and 404s once revoked", async ({
    browser,
    chat,
    fake,
    uid,
    page,
  }) => {
    await fake.script([
      { reasoning: `Shared thoughts ${uid}.`, answer: `Shared answer ${uid}.` },
      { reasoning: "Second thoughts.", answer: `Later answer ${uid}.` },
    ]);
    await chat.goto();
    await chat.selectModel("aimlapi", PRESET_MODELS.aimlapi);
    await chat.setParams({ temperature: "0.4", maxTokens: "512" });
    await chat.send(fake.message(`Share me ${uid}`));
    await chat.waitForIdle();
    await expect(chat.lastAssistant().root).toContainText(`Shared answer ${uid}.`);
    const conversationId = await chat.conversationId();

    const dialog = new ShareDialog(page);
    await dialog.open();
    const url = await dialog.create();
    expect(url).not.toContain(conversationId);
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await dialog.copyButton.click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await dialog.close();

    // A fresh context: no cookies, no storage — a stranger given the link.
    const visitorContext = await browser.newContext();
    const shared = new SharedPage(await visitorContext.newPage());
    expect(await shared.goto(url)).toBe(200);
    await expect(shared.userArticles).toHaveCount(1);
    await expect(shared.userArticles.first()).toContainText(`Share me ${uid}`);
    const answer = shared.assistant(0);
    await expect(answer.root).toContainText(`Shared answer ${uid}.`);
    await answer.expectReasoningExpanded(false);
    await expect(answer.root).not.toContainText(`Shared thoughts ${uid}.`);
    await answer.openReasoning();
    await expect(answer.root).toContainText(`Shared thoughts ${uid}.`);
    // The record of the answer: model, provider name, parameters (as set and as sent), usage, finish.
    await expect(answer.root).toContainText(PRESET_MODELS.aimlapi);
    await expect(answer.root).toContainText("AI/ML API");
    await expect(answer.root).toContainText("temperature 0.4");
    await expect(answer.root).toContainText("max_tokens: 512");
    await expect(answer.root).toContainText(/tokens: \d+ prompt/);
    await expect(answer.root).toContainText("stop");
    // Read-only: no composer, no sidebar, no chat actions.
    await expect(shared.composer).toHaveCount(0);
    await expect(shared.page.getByRole("complementary", { name: "Conversations" })).toHaveCount(0);
    await expect(shared.page.getByRole("button", { name: "Regenerate" })).toHaveCount(0);
    await expect(shared.page.getByRole("button", { name: "Edit", exact: true })).toHaveCount(0);

    // A later turn stays private until "Update link".
    await chat.send(fake.message(`Second question ${uid}`));
    await chat.waitForIdle();
    await expect(chat.lastAssistant().root).toContainText(`Later answer ${uid}.`);
    expect(await shared.goto(url)).toBe(200);
    await expect(shared.assistantArticles).toHaveCount(1);
    await expect(shared.page.locator("body")).not.toContainText(`Later answer ${uid}.`);

    await dialog.open();
    await dialog.updateButton.click();
    await expect(page.getByText("Link updated to the current state")).toBeVisible();
    expect(await dialog.url()).toBe(url);
    expect(await shared.goto(url)).toBe(200);
    await expect(shared.assistantArticles).toHaveCount(2);
    await expect(shared.assistant(1).root).toContainText(`Later answer ${uid}.`);

    await dialog.revoke();
    expect(await shared.goto(url)).toBe(404);
    await expect(
      shared.page.getByRole("heading", { name: "This shared link is not available" }),
    ).toBeVisible();
    await expect(shared.page.locator("body")).not.toContainText(`Shared answer ${uid}.`);
    await visitorContext.close();
  });

  test("the shared links page lists a link with its conversation and revokes it", async ({
    chat,
    fake,
    api,
    uid,
    page,
  }) => {
    await fake.script({ answer: `Listed answer ${uid}.` });
    const id = `share-list-${uid}`;
    await api.chat({
      conversationId: id,
      trigger: "submit",
      message: { id: `m-${id}`, text: fake.message(`Listed ${uid}`) },
      providerId: "aimlapi",
      modelId: PRESET_MODELS.aimlapi,
      params: { maxTokens: 256 },
    });
    const res = await page.request.post(`/api/conversations/${id}/share`, { data: { expiresIn: "7d" } });
    expect(res.status()).toBe(201);
    const { token, url } = (await res.json()) as { token: string; url: string };

    await chat.goto(`/c/${id}`);
    await page.getByRole("link", { name: "Shared links" }).click();
    await expect(page).toHaveURL(/\/shares$/);
    const row = page.getByRole("listitem").filter({ hasText: token });
    await expect(row).toContainText(`Listed ${uid}`);
    await expect(row).toContainText("Active");
    await expect(row).toContainText("Expires");
    await expect(row.getByRole("link", { name: new RegExp(`Listed ${uid}`) })).toHaveAttribute(
      "href",
      `/c/${id}`,
    );
    await row.getByRole("button", { name: "Revoke", exact: true }).click();
    await row.getByRole("button", { name: "Revoke", exact: true }).click();
    await expect(row).toContainText("Revoked");
    await expect(row.getByRole("button", { name: "Copy link" })).toHaveCount(0);
    expect((await page.request.get(url)).status()).toBe(404);
  });

  test("the owner opens a copy of a shared snapshot as a new conversation", async ({
    chat,
    fake,
    api,
    uid,
    page,
  }) => {
    await fake.script({ reasoning: `Fork thoughts ${uid}.`, answer: `Fork answer ${uid}.` });
    const id = `share-fork-${uid}`;
    await api.chat({
      conversationId: id,
      trigger: "submit",
      message: { id: `m-${id}`, text: fake.message(`Fork me ${uid}`) },
      providerId: "aimlapi",
      modelId: PRESET_MODELS.aimlapi,
      params: { temperature: 0.3, maxTokens: 256 },
    });
    const res = await page.request.post(`/api/conversations/${id}/share`, { data: {} });
    const { url } = (await res.json()) as { url: string };

    const shared = new SharedPage(page);
    expect(await shared.goto(url)).toBe(200);
    await page.getByRole("button", { name: "Open a copy" }).click();
    await expect(page).toHaveURL(/\/c\/[A-Za-z0-9_-]+$/);
    const copyId = new URL(page.url()).pathname.split("/").pop() ?? "";
    expect(copyId).not.toBe(id);
    await expect(chat.composer).toBeVisible();
    await expect(chat.lastAssistant().root).toContainText(`Fork answer ${uid}.`);
    const copy = await api.conversation(copyId);
    expect(copy.title).toContain("(copy)");
    expect(copy.messages.map((m) => m.metadata?.params)).toEqual([
      undefined,
      { temperature: 0.3, maxTokens: 256 },
    ]);
  });

  test("export downloads JSON and Markdown; Import in the sidebar reads the JSON back, and refuses a bad file", async ({
    chat,
    fake,
    api,
    uid,
    page,
  }) => {
    await fake.script({ reasoning: `Export thoughts ${uid}.`, answer: `Export answer ${uid}.` });
    await chat.goto();
    await chat.send(fake.message(`Export me ${uid}`));
    await chat.waitForIdle();
    const id = await chat.conversationId();

    await page.getByRole("button", { name: "Export", exact: true }).click();
    const [jsonDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("menuitem", { name: "Export as JSON" }).click(),
    ]);
    expect(jsonDownload.suggestedFilename()).toMatch(/\.json$/);
    const exported = fs.readFileSync(await jsonDownload.path(), "utf8");
    expect(JSON.parse(exported)).toMatchObject({ format: "speciale-playground/conversation", version: 1 });

    await page.getByRole("button", { name: "Export", exact: true }).click();
    const [mdDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("menuitem", { name: "Export as Markdown" }).click(),
    ]);
    expect(mdDownload.suggestedFilename()).toMatch(/\.md$/);
    const md = fs.readFileSync(await mdDownload.path(), "utf8");
    expect(md).toContain(`Export answer ${uid}.`);
    expect(md).toContain("<details><summary>Reasoning");

    const fileInput = page.locator('input[type="file"]');
    await fileInput.setInputFiles({
      name: "broken.json",
      mimeType: "application/json",
      buffer: Buffer.from("{oops"),
    });
    await expect(page.getByText("Could not import “broken.json”")).toBeVisible();
    await expect(page.getByText("The file is not valid JSON")).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/c/${id}$`));

    await fileInput.setInputFiles({
      name: "good.json",
      mimeType: "application/json",
      buffer: Buffer.from(exported),
    });
    await expect(page).not.toHaveURL(new RegExp(`/c/${id}$`));
    await expect(page).toHaveURL(/\/c\/[A-Za-z0-9_-]+$/);
    await expect(chat.lastAssistant().root).toContainText(`Export answer ${uid}.`);
    const importedId = new URL(page.url()).pathname.split("/").pop() ?? "";
    const strip = (c: ApiConversation) => ({
      ...c,
      id: undefined,
      createdAt: undefined,
      updatedAt: undefined,
      messages: c.messages.map((m) => ({ ...m, id: undefined })),
    });
    expect(strip(await api.conversation(importedId))).toEqual(strip(await api.conversation(id)));
  });
});
