#!/usr/bin/env node
// `npm run bench`: is the comparison view responsive while six columns stream at once?
//
// Starts the production build (building it first when there is none) with only the offline model, paced
// at OFFLINE_TOKENS_PER_SECOND=100, on a free port and a temporary database; opens /compare in Chromium,
// sweeps temperature over six columns and sends turns back to back for BENCH_SECONDS (default 30): the
// offline model ends an answer at a sentence boundary after a few hundred tokens, so one turn lasts a few
// seconds and the run keeps all six columns streaming by sending the next turn as soon as all are done.
// Long tasks (main-thread work over 50 ms) are recorded with a PerformanceObserver during the run.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { freePort, waitForOk } from "../local-servers.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const distDir = process.env.NEXT_DIST_DIR || ".next";
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const seconds = Number(process.env.BENCH_SECONDS || 30);
const chromiumPath = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
  (p) => p && fs.existsSync(p),
);
const COLUMNS = 6;
const TEMPERATURES = "0, 0.3, 0.6, 0.9, 1.2, 1.5";
const PROMPTS = [
  "Tell me about the sea, the tides and the moon",
  "How do mountains and forests change with the weather",
  "Explain how coffee and tea are grown and brewed",
  "What do astronomers learn from the light of distant stars",
];

const env = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  NEXT_DIST_DIR: distDir,
  OFFLINE_TOKENS_PER_SECOND: "100",
  // Offline only: no provider key or URL, whatever the shell has.
  AIMLAPI_API_KEY: "",
  ATLASCLOUD_API_KEY: "",
  DEEPSEEK_API_KEY: "",
  OPENAI_COMPATIBLE_BASE_URL: "",
};

if (!chromiumPath) {
  console.error("No Chromium found (set CHROMIUM_PATH, or run `node e2e/ensure-chromium.mjs`).");
  process.exit(1);
}
if (!fs.existsSync(path.join(root, distDir, "BUILD_ID"))) {
  console.log(`No build in ${distDir}; building…`);
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
} else {
  const builtAt = fs.statSync(path.join(root, distDir, "BUILD_ID")).mtime.toISOString();
  console.log(`Using the build in ${distDir} (${builtAt}); delete it to rebuild.`);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "speciale-bench-"));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
  cwd: root,
  env: { ...env, DATABASE_PATH: path.join(tmp, "bench.db") },
  stdio: ["ignore", "ignore", "inherit"],
});
let browser;
try {
  await waitForOk(`${base}/api/health`, 60_000);
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  });
  await page.goto(`${base}/compare`);
  await page.getByRole("textbox", { name: "Message", exact: true }).waitFor();
  await page.waitForLoadState("networkidle");

  // Six columns, temperature 0 … 1.5, everything else as column 1 (offline/ngram, max tokens 8192).
  await page.getByRole("button", { name: "Sweep", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Parameter", { exact: true }).selectOption({ label: "Temperature" });
  await dialog.getByLabel("Values, separated by commas").fill(TEMPERATURES);
  await dialog.getByRole("button", { name: "Sweep", exact: true }).click();
  await page.getByRole("region", { name: `Column ${COLUMNS}`, exact: true }).waitFor();
  const maxTokens = await page
    .getByRole("region", { name: "Column 1", exact: true })
    .getByLabel("Max tokens", { exact: true })
    .inputValue();

  // During the run the page is reached by CSS only, and waits poll twice a second: role locators compute
  // accessible names over the whole page on its main thread, which would show up as the app's long tasks.
  const composer = page.locator('textarea[aria-label="Message"]');
  const whenShown = (label) =>
    page.waitForFunction((l) => document.querySelector(`button[aria-label="${l}"]`) !== null, label, {
      polling: 500,
      timeout: 120_000,
    });
  const runStart = await page.evaluate(() => performance.now());
  const started = Date.now();
  let turns = 0;
  while (Date.now() - started < seconds * 1000) {
    await composer.fill(`${PROMPTS[turns % PROMPTS.length]}.`);
    await composer.press("Enter");
    await whenShown("Stop all");
    await whenShown("Send");
    turns++;
  }
  const wallMs = Date.now() - started;
  const tasks = (await page.evaluate(() => window.__longTasks)).filter((t) => t.start >= runStart);

  const id = new URL(page.url()).pathname.split("/").pop();
  const view = await (await fetch(`${base}/api/comparisons/${id}`)).json();
  const answers = view.columns.flatMap((c) => c.messages.filter((m) => m.role === "assistant"));
  const tokens = answers.reduce((n, m) => n + (m.metadata?.usage?.completionTokens ?? 0), 0);
  const durations = tasks.map((t) => t.duration).sort((a, b) => b - a);

  console.log("");
  console.log(
    `Comparison bench: ${COLUMNS} offline columns (temperature ${TEMPERATURES}), max tokens ${maxTokens},`,
  );
  console.log(`OFFLINE_TOKENS_PER_SECOND=100 per column, Chromium ${browser.version()} at 1440x900.`);
  console.log(`  run               ${(wallMs / 1000).toFixed(1)} s, ${turns} turns sent back to back`);
  console.log(
    `  answers           ${answers.length} (${answers.filter((m) => m.metadata?.status === "complete").length} complete)`,
  );
  console.log(
    `  tokens streamed   ${tokens} (${Math.round(tokens / (wallMs / 1000))} tok/s over all columns)`,
  );
  console.log(`  long tasks        ${tasks.length} (> 50 ms each)`);
  console.log(`  longest task      ${durations.length ? `${Math.round(durations[0])} ms` : "none"}`);
  if (durations.length)
    console.log(
      `  top durations     ${durations
        .slice(0, 8)
        .map((d) => `${Math.round(d)} ms`)
        .join(", ")}`,
    );
  console.log(`  target            none over 50 ms: ${tasks.length === 0 ? "met" : "NOT met"}`);
} finally {
  await browser?.close();
  server.kill("SIGTERM");
  fs.rmSync(tmp, { recursive: true, force: true });
}
