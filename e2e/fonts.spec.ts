import type { Page } from "@playwright/test";
import { APP_URL, AUTH_APP_URL } from "./env";
import { expect, test } from "./fixtures";

const IMMUTABLE = "public, max-age=31536000, immutable";

/** Opens a page and reports the font files it fetched, and the faces the text is drawn with. */
async function fontsOf(page: Page, url: string) {
  const files: { path: string; status: number; cacheControl: string | undefined }[] = [];
  page.on("response", (r) => {
    if (r.request().resourceType() === "font") {
      const u = new URL(r.url());
      files.push({
        path: u.pathname + u.search,
        status: r.status(),
        cacheControl: r.headers()["cache-control"],
      });
    }
  });
  await page.goto(url);
  await page.evaluate(() => document.fonts.ready);
  const faces = await page.evaluate(() =>
    [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family.replaceAll('"', "")),
  );
  const preloads = await page
    .locator('link[rel="preload"][as="font"]')
    .evaluateAll((links) => links.map((l) => l.getAttribute("href")));
  return { files, faces, preloads };
}

test.describe("self-hosted fonts", () => {
  test("the app is drawn in Geist and Geist Mono from public/fonts, preloaded and cached immutable", async ({
    page,
  }) => {
    const { files, faces, preloads } = await fontsOf(page, `${APP_URL}/`);
    expect(faces).toEqual(expect.arrayContaining(["Geist", "Geist Mono"]));
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/^"?Geist"?,/);
    const geist = files.filter((f) => f.path.startsWith("/fonts/"));
    expect(geist.map((f) => f.path.replace(/\?v=[0-9a-f]{10}$/, "")).sort()).toEqual([
      "/fonts/geist-mono-variable.woff2",
      "/fonts/geist-sans-variable.woff2",
    ]);
    for (const f of geist) expect(f, f.path).toMatchObject({ status: 200, cacheControl: IMMUTABLE });
    // The preloads are the very URLs the stylesheet asks for: the font is fetched once, not twice.
    expect([...preloads].sort()).toEqual(geist.map((f) => f.path).sort());
  });

  test("the sign-in page gets the fonts too (they are public files, like the icon)", async ({ page }) => {
    const { files, faces } = await fontsOf(page, `${AUTH_APP_URL}/login`);
    expect(faces).toContain("Geist");
    const geist = files.filter((f) => f.path.startsWith("/fonts/"));
    expect(geist.length).toBeGreaterThan(0);
    for (const f of geist) expect(f.status, f.path).toBe(200);
  });
});
