import { expect, test } from "./fixtures";

// First-load JS (issue 8): the chat page's dialogs and menus — Presets, Save preset, View code, Share,
// Export, the parameter test, the confirmations, with Radix's dialog and menu — are not part of its first
// load. Each downloads when its control is first used, and that first use opens it.
test("the chat page's dialogs and menus download on first use, and open on that first click or key", async ({
  chat,
  fake,
  page,
  uid,
}) => {
  await fake.script([{ answer: `Answer ${uid}.` }]);
  await chat.goto();
  await chat.send(fake.message(`Hello ${uid}`));
  await chat.waitForIdle();
  await chat.conversationId();

  const scripts: Promise<string>[] = [];
  page.on("response", (res) => {
    if (res.request().resourceType() === "script") scripts.push(res.text().catch(() => ""));
  });
  const loaded = async (marker: string) => (await Promise.all(scripts)).some((body) => body.includes(marker));
  await chat.reload();
  // Radix names its parts in its code: a dialog's or a menu's content means their code arrived.
  expect(await loaded('"DialogContent"')).toBe(false);
  expect(await loaded('"MenuContent"')).toBe(false);

  // A menu opens on the first click, and closes back to its button.
  const presets = page.getByRole("button", { name: "Presets", exact: true });
  await expect(presets).toHaveAttribute("aria-haspopup", "menu");
  await presets.click();
  await expect(page.getByRole("menuitem", { name: "Manage presets…" })).toBeVisible();
  expect(await loaded('"MenuContent"')).toBe(true);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toBeHidden();
  await expect(presets).toBeFocused();

  // Another menu, from the keyboard: ArrowDown on its button opens it, as on any menu button.
  const exportButton = page.getByRole("button", { name: "Export", exact: true });
  await exportButton.focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("menuitem", { name: "Export as Markdown" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(exportButton).toBeFocused();

  // A dialog opens on the first Enter; the focus comes back to its button when it closes.
  const share = page.getByRole("button", { name: "Share", exact: true });
  await share.focus();
  await page.keyboard.press("Enter");
  const shareDialog = page.getByRole("dialog", { name: "Share this conversation" });
  await expect(shareDialog).toBeVisible();
  expect(await loaded('"DialogContent"')).toBe(true);
  await page.keyboard.press("Escape");
  await expect(shareDialog).toBeHidden();
  await expect(share).toBeFocused();

  // An answer's View code, then the panel's: each opens on its first click.
  await chat.lastAssistant().root.getByRole("button", { name: "View code", exact: true }).click();
  const viewCode = page.getByRole("dialog", { name: "View code" });
  await expect(viewCode.getByRole("tab", { name: "curl" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(viewCode).toBeHidden();
  const panel = page.getByRole("complementary", { name: "Parameters" });
  await panel.getByRole("button", { name: "View code", exact: true }).click();
  await expect(viewCode.getByRole("tab", { name: "curl" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(viewCode).toBeHidden();

  // Save preset's dialog shares its download with the Presets menu: it opens at once, focus in its field.
  await panel.getByRole("button", { name: "Save preset", exact: true }).click();
  await expect(page.getByRole("dialog", { name: "Save preset" }).getByLabel("Preset name")).toBeFocused();
});

test("while a control's code downloads, the last one used is the one that opens; Escape gives up waiting", async ({
  chat,
  fake,
  page,
  uid,
}) => {
  await fake.script([{ answer: `Answer ${uid}.` }]);
  await chat.goto();
  await chat.send(fake.message(`Hello ${uid}`));
  await chat.waitForIdle();
  await chat.conversationId();
  await chat.reload();
  // Every chunk requested from now on waits until released: a slow connection.
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route("**/_next/static/chunks/**", async (route) => {
    await held;
    await route.continue();
  });

  // Save preset waits (its button says so), then the sidebar's Delete is used: only Delete's dialog opens.
  const savePreset = page.getByRole("button", { name: "Save preset", exact: true });
  await savePreset.click();
  await expect(savePreset).toHaveAttribute("aria-busy", "true");
  const item = page.getByRole("listitem").filter({ hasText: `Hello ${uid}` });
  await item.hover();
  await item.getByRole("button", { name: "Delete", exact: true }).click();
  const waiting = page.getByRole("status").filter({ hasText: "Loading…" });
  await expect(waiting).toBeVisible();
  // Escape gives up waiting for Delete's dialog; using it again waits again.
  await page.keyboard.press("Escape");
  await expect(waiting).toBeHidden();
  await item.hover();
  await item.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(waiting).toBeVisible();
  release();
  await expect(page.getByRole("dialog", { name: "Delete this conversation?" })).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(1);
  await page.getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(savePreset).not.toHaveAttribute("aria-busy");
  // Save preset was put back: it opens on the next click.
  await savePreset.click();
  await expect(page.getByRole("dialog", { name: "Save preset" })).toBeVisible();
});
