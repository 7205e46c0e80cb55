import { PRESET_MODELS } from "./env";
import { wireText } from "./fake-provider/client";
import { expect, nth, test } from "./fixtures";

test.describe("sidebar", () => {
  test("lists conversations newest first, renames one and deletes another after confirmation", async ({
    chat,
    fake,
    api,
    uid,
    page,
  }) => {
    await fake.script({ answer: `Sidebar answer ${uid}.` });
    const older = `side-a-${uid}`;
    const newer = `side-b-${uid}`;
    for (const id of [older, newer]) {
      await api.chat({
        conversationId: id,
        trigger: "submit",
        message: { id: `m-${id}`, text: fake.message(`Sidebar ${id}`) },
        providerId: "aimlapi",
        modelId: PRESET_MODELS.aimlapi,
        params: { maxTokens: 256 },
      });
    }
    await chat.goto(`/c/${newer}`);
    const a = chat.sidebarItem(older);
    const b = chat.sidebarItem(newer);
    await expect(a.link).toBeVisible();
    await expect(b.link).toBeVisible();
    // Newest first: the newer conversation comes before the older one in the list.
    const hrefs = await page
      .locator('a[href^="/c/"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute("href")));
    expect(hrefs.indexOf(`/c/${newer}`)).toBeLessThan(hrefs.indexOf(`/c/${older}`));

    // Rename the older one: the field opens focused with the title selected; typing replaces it.
    const title = `Renamed in sidebar ${uid}`;
    await a.item.hover();
    await a.renameButton.click();
    await page.keyboard.type(title);
    await page.keyboard.press("Enter");
    await expect(a.link).toHaveText(title);
    await expect.poll(async () => (await api.conversation(older)).title).toBe(title);

    // Delete the current one: a dialog asks first.
    await b.item.hover();
    await b.deleteButton.click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(b.link).toHaveCount(0);
    await expect.poll(async () => (await api.conversationResponse(newer)).status()).toBe(404);
    await expect(a.link).toBeVisible();
    await expect(chat.page).not.toHaveURL(new RegExp(`/c/${newer}$`));
  });

  test("New chat starts an empty conversation; Enter sends and Shift+Enter adds a line", async ({
    chat,
    fake,
    uid,
    page,
  }) => {
    await fake.script({ answer: `Multiline answer ${uid}.` });
    await chat.goto();
    await chat.composer.click();
    await page.keyboard.type(`First line ${uid}`);
    await page.keyboard.press("Shift+Enter");
    await page.keyboard.type(`second line ${fake.marker}`);
    await expect(chat.userArticles).toHaveCount(0);
    await page.keyboard.press("Enter");
    await expect(chat.lastAssistant().root).toContainText(`Multiline answer ${uid}.`);
    await chat.waitForIdle();
    const id = await chat.conversationId();

    const req = nth(await fake.expectChatRequests(1), 0);
    const lastUser = nth(req.body.messages ?? [], -1);
    expect(wireText(lastUser)).toBe(`First line ${uid}\nsecond line ${fake.marker}`);

    await chat.newChatButton.click();
    await expect(page).toHaveURL(/\/$/);
    await expect(chat.userArticles).toHaveCount(0);
    await expect(chat.assistantArticles).toHaveCount(0);
    await expect(chat.composer).toHaveValue("");
    await expect(chat.sidebarItem(id).link).toBeVisible();
  });
});
