import { chromium } from "@playwright/test";
const base = "http://127.0.0.1:3500";
const out = "/tmp/cmpshots";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });

async function make(viewport, scheme) {
  const ctx = await browser.newContext({ viewport, colorScheme: scheme });
  const page = await ctx.newPage();
  await page.goto(`${base}/compare`);
  await page.getByRole("textbox", { name: "Message" }).waitFor();
  await page.waitForLoadState("networkidle");
  return { ctx, page };
}
async function sweep(page, values) {
  await page.getByRole("button", { name: "Sweep", exact: true }).click();
  const d = page.getByRole("dialog");
  await d.getByLabel("Values, separated by commas").fill(values);
  return d;
}
async function sendAndWait(page, text) {
  await page.getByRole("textbox", { name: "Message" }).fill(text);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await page.getByRole("button", { name: "Stop all" }).waitFor();
  await page.getByRole("button", { name: "Send", exact: true }).waitFor({ timeout: 60000 });
}

const which = process.argv[2] ?? "all";
if (which === "all" || which === "desk3") {
  const { ctx, page } = await make({ width: 1440, height: 900 }, "light");
  await page.screenshot({ path: `${out}/desk-new.png` });
  const d = await sweep(page, "0, 0.7, 1.4");
  await page.screenshot({ path: `${out}/desk-sweep-dialog.png` });
  await d.getByRole("button", { name: "Sweep", exact: true }).click();
  await page.getByRole("region", { name: "Column 3" }).waitFor();
  await page.getByRole("region", { name: "Column 1" }).getByLabel("Seed", { exact: true }).fill("7");
  await page.getByRole("textbox", { name: "Message" }).fill("Tell me about the sea and the tides");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await page.waitForTimeout(900);
  await page.screenshot({ path: `${out}/desk3-streaming.png` });
  await page.getByRole("button", { name: "Send", exact: true }).waitFor({ timeout: 60000 });
  await page.screenshot({ path: `${out}/desk3-done.png` });
  await page.getByRole("button", { name: "Hide all parameters" }).click();
  await page.screenshot({ path: `${out}/desk3-collapsed.png` });
  await page.getByRole("button", { name: "Diff", exact: true }).click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/desk3-diff.png` });
  console.log(page.url());
  await ctx.close();
}
if (which === "all" || which === "desk6") {
  for (const scheme of ["dark", "light"]) {
    const { ctx, page } = await make({ width: 1440, height: 900 }, scheme);
    const d = await sweep(page, "0, 0.3, 0.6, 0.9, 1.2, 1.5");
    await d.getByRole("button", { name: "Sweep", exact: true }).click();
    await page.getByRole("region", { name: "Column 6" }).waitFor();
    await page.screenshot({ path: `${out}/desk6-${scheme}-new.png` });
    await sendAndWait(page, "How do mountains and forests change with the weather");
    await page.screenshot({ path: `${out}/desk6-${scheme}-done.png` });
    await page.getByRole("button", { name: "Hide all parameters" }).click();
    await page.screenshot({ path: `${out}/desk6-${scheme}-collapsed.png` });
    await ctx.close();
  }
}
if (which === "all" || which === "mobile") {
  for (const scheme of ["light", "dark"]) {
    const { ctx, page } = await make({ width: 390, height: 844 }, scheme);
    await page.screenshot({ path: `${out}/mobile-${scheme}-new.png` });
    await sendAndWait(page, "Explain how coffee and tea are grown");
    await page.screenshot({ path: `${out}/mobile-${scheme}-done.png` });
    await page.getByRole("region", { name: "Column 1" }).getByRole("button", { name: "Hide parameters" }).click();
    await page.screenshot({ path: `${out}/mobile-${scheme}-collapsed.png` });
    await ctx.close();
  }
}
await browser.close();
