import { authContext, createConversation, createShare } from "./auth-helpers";
import { AUTH_APP_URL, AUTH_PASSWORD } from "./env";
import { expect, test } from "./fixtures";

// The app started with PLAYGROUND_PASSWORD (playwright.config.ts "app-auth").
test.describe("sign-in with PLAYGROUND_PASSWORD", () => {
  test("a page sends to /login; a wrong password is refused readably; signing in returns to the page; Sign out ends the session", async ({
    page,
    uid,
  }) => {
    const owner = await authContext();
    const id = `auth-${uid}`;
    await createConversation(owner, id, `Protected conversation ${uid}`);

    await page.goto(`${AUTH_APP_URL}/c/${id}`);
    await expect(page).toHaveURL(`${AUTH_APP_URL}/login?next=${encodeURIComponent(`/c/${id}`)}`);
    await expect(page.getByText(`Protected conversation ${uid}`)).toHaveCount(0);

    const password = page.getByLabel("Password");
    await password.fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong password");
    await expect(page).toHaveURL(/\/login/);

    await password.fill(AUTH_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${AUTH_APP_URL}/c/${id}`);
    await expect(page.getByText(`Protected conversation ${uid}`).first()).toBeVisible();

    const cookie = (await page.context().cookies(AUTH_APP_URL)).find((c) => c.name === "sp_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/", secure: false });
    expect(cookie?.expires ?? 0).toBeGreaterThan(Date.now() / 1000 + 29 * 24 * 3600);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(`${AUTH_APP_URL}/login`);
    await page.goto(`${AUTH_APP_URL}/`);
    await expect(page).toHaveURL(`${AUTH_APP_URL}/login`);
    await expect(page.getByLabel("Password")).toBeVisible();
    await owner.dispose();
  });

  test("a share page works without a session, without Open a copy, while / redirects to /login", async ({
    browser,
    uid,
  }) => {
    const owner = await authContext();
    const id = `share-${uid}`;
    await createConversation(owner, id, `Shared under a password ${uid}`);
    const { token, url } = await createShare(owner, id);
    expect(url).toBe(`${AUTH_APP_URL}/share/${token}`);

    const visitor = await browser.newContext();
    const page = await visitor.newPage();
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
    await expect(page.getByText(`Shared under a password ${uid}`).first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Open a copy" })).toHaveCount(0);

    await page.goto(`${AUTH_APP_URL}/`);
    await expect(page).toHaveURL(`${AUTH_APP_URL}/login`);

    // The owner, signed in, sees "Open a copy" on the same page and it works.
    const ownerPage = await browser.newContext().then((c) => c.newPage());
    await ownerPage.goto(`${AUTH_APP_URL}/login?next=${encodeURIComponent(`/share/${token}`)}`);
    await ownerPage.getByLabel("Password").fill(AUTH_PASSWORD);
    await ownerPage.getByRole("button", { name: "Sign in" }).click();
    await expect(ownerPage).toHaveURL(url);
    await ownerPage.getByRole("button", { name: "Open a copy" }).click();
    await expect(ownerPage).toHaveURL(/\/c\/[^/]+$/);
    await expect(ownerPage.getByText(`Shared under a password ${uid}`).first()).toBeVisible();
    await visitor.close();
    await ownerPage.context().close();
    await owner.dispose();
  });

  test("the login page shows the rate limit readably after 10 failures", async ({ page }) => {
    // A client address of this test's own (without TRUST_PROXY the X-Forwarded-For header is the client's
    // key), so the other tests signing in from 127.0.0.1 are not locked out.
    const address = `198.51.100.${Math.floor(Math.random() * 250) + 1}, e2e-${Date.now()}`;
    await page.route(`${AUTH_APP_URL}/api/auth/login`, (route) =>
      route.continue({ headers: { ...route.request().headers(), "x-forwarded-for": address } }),
    );
    await page.goto(`${AUTH_APP_URL}/login`);
    const password = page.getByLabel("Password");
    for (let i = 0; i < 10; i++) {
      await password.fill(`wrong ${i}`);
      const answered = page.waitForResponse(`${AUTH_APP_URL}/api/auth/login`);
      await page.getByRole("button", { name: "Sign in" }).click();
      expect((await answered).status()).toBe(401);
    }
    await password.fill(AUTH_PASSWORD);
    const answered = page.waitForResponse(`${AUTH_APP_URL}/api/auth/login`);
    await page.getByRole("button", { name: "Sign in" }).click();
    const res = await answered;
    expect(res.status()).toBe(429);
    expect(Number(res.headers()["retry-after"])).toBeGreaterThan(0);
    await expect(page.locator("form").getByRole("alert")).toContainText(
      /Too many failed sign-ins\. Try again in \d+ seconds\./,
    );
    await expect(page).toHaveURL(/\/login/);
  });
});
