import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { OFFLINE_APP_URL } from "./env";
import { expect, test } from "./fixtures";

/**
 * Every screen, as it is used, against axe's WCAG 2 A/AA rules, light and dark, desktop and phone: no
 * serious or critical violation. (Moderate ones are reported in the failure message only when a serious one
 * fails the test.)
 */
async function expectAccessible(page: Page, label: string) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const describe = serious.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 5)
        .join("\n  ")}`,
  );
  expect(describe, `${label}: ${describe.join("\n")}`).toEqual([]);
}

const VIEWPORTS = [
  { name: "desktop light", width: 1440, height: 900, scheme: "light" },
  { name: "phone dark", width: 390, height: 844, scheme: "dark" },
] as const;

for (const vp of VIEWPORTS) {
  test(`accessible screens (${vp.name})`, async ({ page, chat, fake, uid }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: vp.width, height: vp.height });
    await page.emulateMedia({ colorScheme: vp.scheme });
    await fake.script([
      {
        reasoning: `Thinking ${uid}.`,
        answer: `# Heading\n\nSome **bold** text and \`code\` ${uid}.\n\n- a\n- b`,
      },
      { answer: `Second version ${uid}.` },
    ]);

    await chat.goto();
    await expectAccessible(page, "new chat");

    await chat.send(fake.message(`Hello ${uid}`));
    await chat.waitForIdle();
    await chat.lastAssistant().regenerateButton.click();
    await chat.waitForIdle();
    await expect(chat.lastAssistant().root.getByRole("group", { name: "Versions" })).toBeVisible();
    await expectAccessible(page, "chat with an answer and versions");

    await page.goto("/compare");
    await expect(page.getByRole("textbox", { name: "Message", exact: true })).toBeVisible();
    await expectAccessible(page, "compare");

    await page.goto("/settings");
    await expect(page.getByRole("main")).toBeVisible();
    await expectAccessible(page, "settings");

    await page.goto("/shares");
    await expectAccessible(page, "shared links");
  });
}

test.describe("with no provider configured", () => {
  test.use({ baseURL: OFFLINE_APP_URL });

  test("the offline model's screens are accessible, light and dark", async ({ page }) => {
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto("/");
      await expect(page.getByText("offline demo — not an LLM")).toBeVisible();
      await expectAccessible(page, `offline chat (${scheme})`);
      await page.goto("/compare");
      await expect(page.getByRole("textbox", { name: "Message", exact: true })).toBeVisible();
      await expectAccessible(page, `offline compare (${scheme})`);
    }
  });
});
