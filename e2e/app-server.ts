import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { FAKE_BASE_URLS, FAKE_KEYS } from "./env";
import { startChild, waitForOk } from "./local-servers.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const PINNED_NODE = path.join(ROOT, "node_modules", ".bin", "node");
const NODE = fs.existsSync(PINNED_NODE) ? PINNED_NODE : process.execPath;
const NEXT = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

/**
 * A `next start` of this checkout (the production build in NEXT_DIST_DIR) on `port`, for specs that kill a
 * server or run several: pointed at the rig's fake provider with retries off and the other hosts unset;
 * `env` adds its database. Its output goes to `onOutput`. Resolves once /api/health answers. Stop it with
 * `stopChild` (local-servers.mjs); it is killed when the test process exits anyway.
 */
export async function startAppServer(
  port: number,
  env: Record<string, string>,
  onOutput: (text: string) => void,
): Promise<ChildProcess> {
  const server = startChild(NODE, [NEXT, "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? "",
      PROVIDER_MAX_RETRIES: "0",
      AIMLAPI_BASE_URL: FAKE_BASE_URLS.aimlapi,
      AIMLAPI_API_KEY: FAKE_KEYS.aimlapi,
      ATLASCLOUD_API_KEY: "",
      DEEPSEEK_API_KEY: "",
      OPENAI_COMPATIBLE_BASE_URL: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (d) => onOutput(String(d)));
  server.stderr?.on("data", (d) => onOutput(String(d)));
  await waitForOk(`http://127.0.0.1:${port}/api/health`, 60_000);
  return server;
}
