import { APP_URL, AUTH_APP_URL } from "./env";
import { expect, test } from "./fixtures";

/**
 * The app works under its Content-Security-Policy: KaTeX math, Shiki code highlighting and the theme script
 * all run with no violation reported, live and after a reload.
 */
test("math, highlighted code and the theme script work with the CSP on, with no violation", async ({
  page,
  chat,
  fake,
  uid,
}) => {
  const violations: string[] = [];
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on("console", (msg) => {
    if (/Content[- ]Security[- ]Policy/i.test(msg.text())) violations.push(msg.text());
  });
  await page.emulateMedia({ colorScheme: "dark" });

  await fake.script({
    reasoning: "Recall Euler.",
    answer: [`Euler ${uid}: $$e^{i\\pi} + 1 = 0$$`, "", "```ts", "const answer: number = 42;", "```"].join(
      "\n",
    ),
  });
  await chat.goto();
  // The theme script ran before hydration: the dark class is set from the system preference.
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await chat.send(fake.message(`Show math and code ${uid}`));
  await chat.waitForIdle();

  for (const phase of ["live", "reloaded"]) {
    const answer = chat.lastAssistant().root;
    await expect(answer.locator(".katex").first(), phase).toBeVisible();
    await expect(answer.locator(".katex-mathml").first(), phase).toBeAttached();
    // Shiki coloured the keyword: GitHub Dark's #F97583 (dark mode), not the plain text colour.
    const keyword = answer.locator("[data-streamdown='code-block-body'] pre span[style*='--shiki-dark']", {
      hasText: /^const$/,
    });
    await expect(keyword.first(), phase).toHaveCSS("color", "rgb(249, 117, 131)");
    if (phase === "live") await chat.reload();
  }
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);

  const reported = await page.evaluate(
    () => (window as unknown as { __cspViolations: string[] }).__cspViolations,
  );
  expect([...reported, ...violations]).toEqual([]);
});

test("the pages cannot be framed", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.headers()["x-frame-options"]).toBe("DENY");
  expect(response?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});

test("the login, comparison and not-found pages hydrate under the CSP with no violation", async ({
  browser,
}) => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const page = await context.newPage();
  const violations = () =>
    page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);

  await page.goto(`${AUTH_APP_URL}/login`);
  // Hydrated: typing enables the button (React state), which a blocked script would never do.
  await expect(page.getByRole("button", { name: "Sign in" })).toBeDisabled();
  await page.getByLabel("Password").fill("x");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  expect(await violations()).toEqual([]);

  await page.goto(`${APP_URL}/compare`);
  await expect(page.getByRole("button", { name: "New comparison" })).toBeVisible();
  expect(await violations()).toEqual([]);

  const missing = await page.goto(`${APP_URL}/c/no-such-conversation`);
  expect(missing?.status()).toBe(404);
  expect(await violations()).toEqual([]);
  await context.close();
});
