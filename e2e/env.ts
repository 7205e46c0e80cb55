/**
 * Ports, URLs and fake credentials of the e2e rig, shared by playwright.config.ts and the specs.
 * Ports can be moved with E2E_FAKE_PORT / E2E_APP_PORT / E2E_OFFLINE_APP_PORT / E2E_AUTH_APP_PORT.
 */
const port = (name: string, fallback: number) => Number(process.env[name] || fallback);

export const FAKE_PORT = port("E2E_FAKE_PORT", 4010);
export const APP_PORT = port("E2E_APP_PORT", 3100);
export const OFFLINE_APP_PORT = port("E2E_OFFLINE_APP_PORT", 3101);
export const AUTH_APP_PORT = port("E2E_AUTH_APP_PORT", 3102);

export const FAKE_URL = `http://127.0.0.1:${FAKE_PORT}`;
/** the app with every provider preset pointed at the fake provider */
export const APP_URL = `http://127.0.0.1:${APP_PORT}`;
/** the app with no provider configured: only the offline model */
export const OFFLINE_APP_URL = `http://127.0.0.1:${OFFLINE_APP_PORT}`;
/** the app with PLAYGROUND_PASSWORD set (and the fake providers): sign-in, sessions, public share pages */
export const AUTH_APP_URL = `http://127.0.0.1:${AUTH_APP_PORT}`;
export const AUTH_PASSWORD = "e2e correct horse battery";

export type RemoteProviderId = "aimlapi" | "atlascloud" | "deepseek" | "custom";

/**
 * Fake API keys, one of each shape providers hand out (sk-…, symbols that URL-encoding changes, long
 * hex, JWT-like with dots); none may ever reach a browser or a JSON response.
 */
export const FAKE_KEYS: Record<RemoteProviderId, string> = {
  aimlapi: "sk-e2e-aiml-SECRET-1f2e3d-QxWv",
  atlascloud: "atlas_SECRET-4c5b6a+JpZr/Uv8w==",
  deepseek: "sk-SECRET-7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b",
  custom: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJlMmUifQ.SECRET-sig_0b1c2dTgXn",
};

/** What a provider's masked-key message would reveal ("Your api key: ****QxWv"). */
export const keyTail = (key: string) => key.slice(-4);

/** Base URLs the app is configured with; none may ever reach a browser or a JSON response either. */
export const FAKE_BASE_URLS: Record<RemoteProviderId, string> = {
  aimlapi: `${FAKE_URL}/aimlapi/v1`,
  atlascloud: `${FAKE_URL}/atlascloud/v1`,
  deepseek: `${FAKE_URL}/deepseek`,
  custom: `${FAKE_URL}/custom/v1`,
};

/** Each preset's default model (custom: the first model the fake lists). */
export const PRESET_MODELS: Record<RemoteProviderId, string> = {
  aimlapi: "deepseek/deepseek-v3.2-speciale",
  atlascloud: "deepseek-ai/deepseek-v3.2-speciale",
  deepseek: "deepseek-reasoner",
  custom: "fake-reasoner",
};

export const OFFLINE_MODEL = "offline/ngram";

/** Strings that must never appear in anything the app serves. */
export function secretFragments(): string[] {
  const keys = Object.values(FAKE_KEYS);
  return [
    ...keys,
    ...keys.map((k) => k.slice(-10)), // a key's tail, as a "masked" key would show it
    ...keys.map((k) => k.slice(0, 12)), // its head
    "SECRET-",
    `127.0.0.1:${FAKE_PORT}`,
    `localhost:${FAKE_PORT}`,
    "/aimlapi/v1",
    "/atlascloud/v1",
    "/custom/v1",
  ];
}
