// The system Chromium every browser run here uses (Playwright never downloads one) and its flags.
import { existsSync } from "node:fs";

/** The first Chromium found: CHROMIUM_PATH, then Debian's paths; undefined when there is none. */
export function findChromium() {
  return [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
    (p) => typeof p === "string" && p !== "" && existsSync(p),
  );
}

/** Without the background-networking flags Chromium floods a closed network with refused connections. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
