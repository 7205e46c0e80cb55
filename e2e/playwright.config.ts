import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./chromium.mjs";
import {
  APP_PORT,
  APP_URL,
  AUTH_APP_PORT,
  AUTH_APP_URL,
  AUTH_PASSWORD,
  FAKE_BASE_URLS,
  FAKE_KEYS,
  FAKE_PORT,
  FAKE_URL,
  OFFLINE_APP_PORT,
  OFFLINE_APP_URL,
} from "./env";

/**
 * End-to-end tests: `next build` first, then `playwright test -c e2e`.
 * Starts the fake provider (4010), the app pointed at it (3100), an app with no provider (3101) and the
 * app with a password (3102), each app on a fresh SQLite file. The browser is the system Chromium (e2e/ensure-chromium.mjs);
 * nothing here downloads a browser.
 */
const ROOT = path.resolve(import.meta.dirname, "..");
// The project's pinned Node (the system `node` may be older); the running one if it is not installed.
const PINNED_NODE = path.join(ROOT, "node_modules", ".bin", "node");
const NODE = fs.existsSync(PINNED_NODE) ? PINNED_NODE : process.execPath;
const NEXT = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

const CHROMIUM = findChromium();

// One temporary directory per run, created by the main process; workers inherit it through the env.
if (!process.env.E2E_RUN_DIR) {
  process.env.E2E_RUN_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "speciale-e2e-"));
}
const RUN_DIR = process.env.E2E_RUN_DIR;

const common: Record<string, string> = {
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? "",
  OFFLINE_TOKENS_PER_SECOND: "500",
  PROVIDER_MAX_RETRIES: "0",
  MODELS_CACHE_SECONDS: "60",
  // Answers run on until they end, whoever reads them: a test that leaves one streaming must not make
  // another test's send a 429 (the cap itself is unit-tested in lib/chat/run-chat.test.ts).
  MAX_ACTIVE_TURNS: "64",
};

const noProviders: Record<string, string> = {
  AIMLAPI_API_KEY: "",
  AIMLAPI_BASE_URL: "",
  ATLASCLOUD_API_KEY: "",
  ATLASCLOUD_BASE_URL: "",
  DEEPSEEK_API_KEY: "",
  DEEPSEEK_BASE_URL: "",
  OPENAI_COMPATIBLE_BASE_URL: "",
  OPENAI_COMPATIBLE_MODEL: "",
  OPENAI_COMPATIBLE_API_KEY: "",
};

const fakeProviders: Record<string, string> = {
  AIMLAPI_BASE_URL: FAKE_BASE_URLS.aimlapi,
  AIMLAPI_API_KEY: FAKE_KEYS.aimlapi,
  ATLASCLOUD_BASE_URL: FAKE_BASE_URLS.atlascloud,
  ATLASCLOUD_API_KEY: FAKE_KEYS.atlascloud,
  DEEPSEEK_BASE_URL: FAKE_BASE_URLS.deepseek,
  DEEPSEEK_API_KEY: FAKE_KEYS.deepseek,
  OPENAI_COMPATIBLE_BASE_URL: FAKE_BASE_URLS.custom,
  OPENAI_COMPATIBLE_MODEL: "",
  OPENAI_COMPATIBLE_API_KEY: FAKE_KEYS.custom,
};

// With TEST_DATABASE_URL (e2e/pg/with-postgres.mjs), each app server runs on a PostgreSQL database of its own.
const nextStart = (port: number, name: string) =>
  process.env.TEST_DATABASE_URL
    ? `"${NODE}" --import ./lib/cli/ts-resolve.mjs e2e/pg/with-database.mjs e2e_${name} -- "${NODE}" "${NEXT}" start -p ${port} -H 127.0.0.1`
    : `"${NODE}" "${NEXT}" start -p ${port} -H 127.0.0.1`;

export default defineConfig({
  testDir: ".",
  testMatch: /.*\.spec\.ts$/,
  // E2E_OUTPUT_DIR lets two runs (e.g. two developers' branches) live side by side.
  outputDir: process.env.E2E_OUTPUT_DIR ?? path.join(ROOT, "test-results"),
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  globalTeardown: "./global-teardown.ts",
  use: {
    baseURL: APP_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    video: "off",
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
  },
  projects: [
    {
      name: "api",
      testMatch: /.*\.api\.spec\.ts$/,
    },
    {
      name: "chromium",
      testIgnore: /.*\.api\.spec\.ts$/,
      use: {
        browserName: "chromium",
        viewport: { width: 1280, height: 900 },
        launchOptions: {
          // Never a downloaded browser: a missing Chromium fails here, naming the path (see ensure-chromium.mjs).
          executablePath: CHROMIUM ?? "/usr/bin/chromium",
          args: CHROMIUM_ARGS,
        },
      },
    },
  ],
  webServer: [
    {
      name: "fake-provider",
      command: `"${NODE}" e2e/fake-provider/server.ts`,
      cwd: ROOT,
      url: `${FAKE_URL}/__control/health`,
      env: { FAKE_PROVIDER_PORT: String(FAKE_PORT) },
      reuseExistingServer: false,
      timeout: 20_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      name: "app",
      command: nextStart(APP_PORT, "app"),
      cwd: ROOT,
      url: `${APP_URL}/api/health`,
      env: { ...common, ...fakeProviders, DATABASE_PATH: path.join(RUN_DIR, "app.db") },
      reuseExistingServer: false,
      timeout: 90_000,
      stdout: "ignore",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 3_000 },
    },
    {
      name: "app-auth",
      command: nextStart(AUTH_APP_PORT, "auth"),
      cwd: ROOT,
      url: `${AUTH_APP_URL}/api/health`,
      env: {
        ...common,
        ...fakeProviders,
        PLAYGROUND_PASSWORD: AUTH_PASSWORD,
        DATABASE_PATH: path.join(RUN_DIR, "auth", "auth.db"),
      },
      reuseExistingServer: false,
      timeout: 90_000,
      stdout: "ignore",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 3_000 },
    },
    {
      name: "app-offline",
      command: nextStart(OFFLINE_APP_PORT, "offline"),
      cwd: ROOT,
      url: `${OFFLINE_APP_URL}/api/health`,
      env: { ...common, ...noProviders, DATABASE_PATH: path.join(RUN_DIR, "offline.db") },
      reuseExistingServer: false,
      timeout: 90_000,
      stdout: "ignore",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 3_000 },
    },
  ],
});
