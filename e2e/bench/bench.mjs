#!/usr/bin/env node
// `npm run bench`: every measurable target of "smooth at any length" in one run, each against an anchor
// measured in the same run. Uses the production build in NEXT_DIST_DIR (default .next; built when missing,
// or with --rebuild), starts the fake provider, a byte pass-through proxy (the relay's anchor and the
// plain-text render page) and the app on a fresh temporary database with every preset pointed at the fake;
// runs the scenarios in Chromium (system binary, CDP throttling) and over HTTP; prints one table and writes
// JSON to bench-results/<timestamp>.json (or --out).
//   npm run bench -- --only relay,history --tokens 5000 --runs 20
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "../chromium.mjs";
import { freePort, startChild, stopChild, waitForOk } from "../local-servers.mjs";
import { assets } from "./assets.mjs";
import { bundle } from "./bundle.mjs";
import { FAKE_KEY, fakeClient } from "./common.mjs";
import { compare } from "./compare-bench.mjs";
import { footprint } from "./footprint.mjs";
import { history } from "./history.mjs";
import { relay } from "./relay.mjs";
import { render } from "./render.mjs";

// History runs last: its 10,000 seeded conversations would be in every other scenario's pages.
const SCENARIOS = { render, compare, bundle, relay, footprint, assets, history };

const { values: opts } = parseArgs({
  options: {
    only: { type: "string" },
    out: { type: "string" },
    tokens: { type: "string", default: "20000" },
    runs: { type: "string", default: "30" },
    rebuild: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (opts.help) {
  console.log(`npm run bench -- [--only ${Object.keys(SCENARIOS).join(",")}] [--out file.json]
  [--tokens 20000 (streaming render length)] [--runs 30 (relay repetitions)] [--rebuild]
env: NEXT_DIST_DIR (build to use, default .next), BENCH_APP_ROOT (checkout to measure, default this one),
     BENCH_APP_PORT, BENCH_FAKE_PORT, BENCH_PROXY_PORT,
     BENCH_START_PORT (npm start in the footprint scenario), CHROMIUM_PATH`);
  process.exit(0);
}
const selected = opts.only ? opts.only.split(",").map((s) => s.trim()) : Object.keys(SCENARIOS);
const unknown = selected.filter((s) => !(s in SCENARIOS));
if (unknown.length) {
  console.error(`Unknown scenario ${unknown.join(", ")}; choose from ${Object.keys(SCENARIOS).join(", ")}.`);
  process.exit(2);
}

const benchRoot = path.resolve(import.meta.dirname, "../..");
// BENCH_APP_ROOT measures another checkout (e.g. `git archive <commit>` of an older main) with this bench.
const root = path.resolve(process.env.BENCH_APP_ROOT || benchRoot);
const distDir = process.env.NEXT_DIST_DIR || ".next";
const nextBin = createRequire(path.join(root, "package.json")).resolve("next/dist/bin/next");
const chromiumPath = findChromium();
if (!chromiumPath) {
  console.error("No Chromium found (set CHROMIUM_PATH, or run `node e2e/ensure-chromium.mjs`).");
  process.exit(1);
}

const port = async (name) => Number(process.env[name]) || (await freePort());
const ports = {
  app: await port("BENCH_APP_PORT"),
  fake: await port("BENCH_FAKE_PORT"),
  proxy: await port("BENCH_PROXY_PORT"),
  start: await port("BENCH_START_PORT"),
};
const fakeUrl = `http://127.0.0.1:${ports.fake}`;
const hostEnv = (id, prefix) => ({ [`${id}_BASE_URL`]: `${fakeUrl}/${prefix}`, [`${id}_API_KEY`]: FAKE_KEY });
const appEnv = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  NEXT_DIST_DIR: distDir,
  PROVIDER_MAX_RETRIES: "0",
  MODELS_CACHE_SECONDS: "600",
  // Many streams at once are what is measured: the per-process cap on running answers (default 16) is lifted.
  MAX_ACTIVE_TURNS: "1000",
  PLAYGROUND_PASSWORD: "",
  ...hostEnv("AIMLAPI", "aimlapi/v1"),
  ...hostEnv("ATLASCLOUD", "atlascloud/v1"),
  ...hostEnv("DEEPSEEK", "deepseek"),
  OPENAI_COMPATIBLE_BASE_URL: "",
  OPENAI_COMPATIBLE_MODEL: "",
  OPENAI_COMPATIBLE_API_KEY: "",
};

const buildId = path.join(root, distDir, "BUILD_ID");
if (opts.rebuild || !fs.existsSync(buildId)) {
  console.log(`Building into ${distDir}…`);
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env: appEnv, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const builtAt = fs.statSync(buildId).mtime.toISOString();
console.log(`Build: ${path.join(root, distDir)} (${builtAt}); scenarios: ${selected.join(", ")}`);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "speciale-bench-"));
const dbPath = path.join(tmp, "bench.db");
const node = process.execPath;
const pipeErr = { stdio: ["ignore", "ignore", "inherit"] };
const fake = startChild(node, [path.join(benchRoot, "e2e/fake-provider/server.ts")], {
  cwd: benchRoot,
  env: { ...process.env, FAKE_PROVIDER_PORT: String(ports.fake) },
  ...pipeErr,
});
const proxy = startChild(node, [path.join(import.meta.dirname, "pass-through.mjs")], {
  cwd: benchRoot,
  env: { ...process.env, PASS_THROUGH_PORT: String(ports.proxy), UPSTREAM: fakeUrl },
  ...pipeErr,
});
const app = startChild(node, [nextBin, "start", "-p", String(ports.app), "-H", "127.0.0.1"], {
  cwd: root,
  env: { ...appEnv, DATABASE_PATH: dbPath },
  ...pipeErr,
});

const results = [];
let browser;
let chromiumVersion;
const contexts = new Set();
let failed = false;
try {
  await waitForOk(`${fakeUrl}/__control/health`, 20_000);
  await waitForOk(`http://127.0.0.1:${ports.proxy}/plain`, 20_000);
  const base = `http://127.0.0.1:${ports.app}`;
  await waitForOk(`${base}/api/health`, 90_000);
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: CHROMIUM_ARGS,
  });
  chromiumVersion = browser.version();
  const ctx = {
    root,
    base,
    fakeUrl,
    proxyUrl: `http://127.0.0.1:${ports.proxy}`,
    dbPath,
    appEnv,
    ports,
    appPid: app.pid,
    proxyPid: proxy.pid,
    fake: fakeClient(fakeUrl),
    opts: { tokens: Number(opts.tokens), runs: Number(opts.runs) },
    /** A page in a fresh browser context (no cache shared between measurements). */
    async newPage(viewport = { width: 1280, height: 900 }) {
      const context = await browser.newContext({ viewport });
      contexts.add(context);
      const page = await context.newPage();
      page.on("close", () => context.close().catch(() => {}));
      return page;
    },
  };
  for (const name of selected) {
    const started = Date.now();
    process.stdout.write(`… ${name}`);
    try {
      const r = await SCENARIOS[name](ctx);
      results.push({ scenario: name, ...r, seconds: (Date.now() - started) / 1000 });
      console.log(` (${Math.round((Date.now() - started) / 1000)} s)`);
    } catch (err) {
      failed = true;
      const message = err.message.split("\n")[0];
      console.log(` FAILED: ${err.message}`);
      results.push({ scenario: name, error: message, rows: [], seconds: (Date.now() - started) / 1000 });
    }
    // A failed scenario may leave a page busy; the next one starts with none.
    await Promise.all([...contexts].map((c) => c.close().catch(() => {})));
    contexts.clear();
  }
} finally {
  await browser?.close();
  await Promise.all([stopChild(app), stopChild(proxy), stopChild(fake)]);
  fs.rmSync(tmp, { recursive: true, force: true });
}

const fmt = (v) => (typeof v === "number" ? String(v) : (v ?? ""));
const table = [["scenario", "figure", "measured", "anchor", "ratio", "target", "pass"]];
for (const r of results) {
  if (r.error) table.push([r.scenario, "ERROR", r.error, "", "", "", "FAIL"]);
  for (const x of r.rows)
    table.push([
      r.scenario,
      x.figure,
      `${fmt(x.value)}${x.unit ? ` ${x.unit}` : ""}`,
      x.anchor === null ? "" : `${fmt(x.anchor)} (${x.anchorLabel})`,
      x.ratio === null ? "" : `${x.ratio.toFixed(2)}×`,
      x.target,
      x.pass === null ? "" : x.pass ? "pass" : "FAIL",
    ]);
}
const markdown = [
  `| ${table[0].join(" | ")} |`,
  `| ${table[0].map(() => "---").join(" | ")} |`,
  ...table.slice(1).map((cells) => `| ${cells.map((c) => String(c).replaceAll("|", "\\|")).join(" | ")} |`),
].join("\n");
console.log(`\n${markdown}\n`);

const out =
  opts.out ?? path.join(benchRoot, "bench-results", `${new Date().toISOString().replaceAll(":", "-")}.json`);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(
  out,
  JSON.stringify(
    {
      at: new Date().toISOString(),
      build: { root, distDir, builtAt },
      machine: {
        cpus: os.cpus().length,
        model: os.cpus()[0]?.model,
        memMB: Math.round(os.totalmem() / 2 ** 20),
      },
      chromium: chromiumVersion,
      options: opts,
      results,
      markdown,
    },
    null,
    2,
  ),
);
console.log(`Results: ${path.relative(benchRoot, out)}`);
process.exit(failed ? 1 : 0);
