// First step of `npm test`: make sure a system Chromium exists for Playwright.
// Playwright never downloads a browser in this project; it runs the distribution's Chromium.
// Plain Node ESM, no dependencies.
import { spawnSync } from "node:child_process";
import { findChromium } from "./chromium.mjs";

function run(command, args) {
  const result = spawnSync(command, args, {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited with ${result.status ?? result.signal}`);
  }
}

const found = findChromium();
if (found) {
  console.log(`ensure-chromium: using ${found}`);
  process.exit(0);
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (!isRoot) {
  console.error(
    "ensure-chromium: Chromium not found — install it with `sudo apt-get install -y chromium` or set CHROMIUM_PATH to a Chromium binary.",
  );
  process.exit(1);
}

console.log("ensure-chromium: Chromium not found; installing the Debian package (apt-get)…");
try {
  run("apt-get", ["update"]);
  run("apt-get", ["install", "-y", "--no-install-recommends", "chromium"]);
} catch (err) {
  console.error(`ensure-chromium: installing Chromium failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}

const installed = findChromium();
if (!installed) {
  console.error(
    "ensure-chromium: apt-get finished but no Chromium was found at /usr/bin/chromium — set CHROMIUM_PATH.",
  );
  process.exit(1);
}
console.log(`ensure-chromium: installed ${installed}`);
