import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestAppDb } from "@/lib/testing/app-db";

// lib/env reads the environment once, on first use: set it before anything imports it.
process.env.PLAYGROUND_SECRET = "unit-test-secret-unit-test-secret-0123";
for (const name of ["ATLASCLOUD", "OPENAI_COMPATIBLE"]) {
  delete process.env[`${name}_API_KEY`];
  delete process.env[`${name}_BASE_URL`];
}
delete process.env.OPENAI_COMPATIBLE_MODEL;
delete process.env.AIMLAPI_API_KEY;
process.env.DEEPSEEK_API_KEY = "sk-env-DSKQ-key-0000zz";

/** A /models endpoint that records the Authorization header and refuses one key with the provider's message. */
const seenAuth: string[] = [];
const server = http.createServer((req, res) => {
  seenAuth.push(req.headers.authorization ?? "");
  res.setHeader("content-type", "application/json");
  if (req.headers.authorization === `Bearer ${"sk-refused-key-9876543210"}`) {
    res.statusCode = 401;
    res.end(
      JSON.stringify({ error: { message: "Authentication Fails, Your api key: ****3210 is invalid" } }),
    );
    return;
  }
  res.end(JSON.stringify({ data: [{ id: "deepseek/deepseek-v3.2-speciale" }, { id: "small-model" }] }));
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
process.env.AIMLAPI_BASE_URL = base;
process.env.DEEPSEEK_BASE_URL = base;

await openTestAppDb("provider_settings");
const { getDb } = await import("@/lib/db");
const q = await import("@/db/queries/provider-configs");
const settings = await import("./providers");
const { getCatalog } = await import("@/lib/ai/catalog");
const { refreshProviderConfigs } = await import("@/lib/ai/provider-registry");
const { languageModel, providerRedactor } = await import("@/lib/ai/providers");

afterAll(async () => {
  server.close();
});

const byId = async (id: string) => (await settings.listProviderSettings()).find((p) => p.id === id);

describe("provider settings", () => {
  beforeAll(async () => {
    for (const row of await q.listProviderConfigs(getDb())) await q.deleteProviderConfig(getDb(), row.id);
  });

  it("lists the presets with where they are configured from", async () => {
    const list = await settings.listProviderSettings();
    expect(list.map((p) => p.id)).toEqual(["aimlapi", "atlascloud", "deepseek", "custom", "offline"]);
    const [aiml, , deepseek, custom, offline] = list;
    expect(aiml).toMatchObject({ configured: false, source: null, editable: "key", key: null });
    expect(aiml?.status).toBeUndefined();
    expect(deepseek).toMatchObject({
      configured: true,
      source: "env",
      editable: null,
      key: "set in DEEPSEEK_API_KEY",
    });
    expect(deepseek?.status).toMatchObject({ reachable: true, modelCount: 2, defaultModelListed: false });
    expect(custom).toMatchObject({ configured: false, editable: null });
    expect(offline).toMatchObject({ builtIn: true, configured: true, editable: null });
    expect(JSON.stringify(list)).not.toContain("sk-env-DSKQ");
    expect(JSON.stringify(list)).not.toContain(base);
  });

  it("sets, replaces and removes a preset's key; the next request uses the new key", async () => {
    const before = languageModel("aimlapi" as const, "m");
    let view = await settings.updateProvider("aimlapi", { apiKey: "sk-aiml-first-key-ABCD" });
    expect(view).toMatchObject({ configured: true, source: "ui", key: "•••• ABCD" });
    expect(view.status).toMatchObject({ reachable: true, modelCount: 2, defaultModelListed: true });
    expect(seenAuth.at(-1)).toBe("Bearer sk-aiml-first-key-ABCD");
    const row = await q.getProviderConfig(getDb(), "aimlapi");
    expect(row?.apiKeyEncrypted).not.toContain("sk-aiml");
    expect(row?.apiKeyHint).toBe("ABCD");
    expect(languageModel("aimlapi", "m")).not.toBe(before);
    expect((await getCatalog()).providers.find((p) => p.id === "aimlapi")?.configured).toBe(true);

    view = await settings.updateProvider("aimlapi", { apiKey: "sk-aiml-second-key-EFGH" });
    expect(view.key).toBe("•••• EFGH");
    expect(seenAuth.at(-1)).toBe("Bearer sk-aiml-second-key-EFGH");
    // The redactor learns keys added after it was first built.
    expect(providerRedactor().redact("echo sk-aiml-second-key-EFGH")).not.toContain("second-key");

    await settings.removeProvider("aimlapi");
    expect(await byId("aimlapi")).toMatchObject({ configured: false, key: null });
    expect((await getCatalog()).providers.find((p) => p.id === "aimlapi")?.configured).toBe(false);
    await expect(settings.removeProvider("aimlapi")).rejects.toThrow(/no key saved/);
  });

  it("refuses to change an environment-configured preset, the built-in ones and fields a preset has not", async () => {
    (
      await expect(settings.updateProvider("deepseek", { apiKey: "sk-other-key-12345678" }))
    ).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining("DEEPSEEK_API_KEY"),
    });
    await expect(settings.updateProvider("offline", { apiKey: "sk-x" })).rejects.toMatchObject({
      status: 409,
    });
    await expect(settings.updateProvider("custom", { apiKey: "sk-x" })).rejects.toMatchObject({
      status: 409,
    });
    await expect(settings.updateProvider("aimlapi", { baseUrl: "http://x" })).rejects.toMatchObject({
      status: 400,
      issues: [{ field: "baseUrl", message: "Not settable for a preset" }],
    });
    await expect(settings.updateProvider("p-missing", { name: "x" })).rejects.toMatchObject({
      status: 404,
    });
    await expect(settings.removeProvider("p-missing")).rejects.toThrow(/No provider/);
  });

  it("adds, edits and removes a custom provider, usable in the catalog at once", async () => {
    const created = await settings.createCustomProvider({
      name: "Local vLLM",
      baseUrl: base,
      apiKey: "sk-custom-key-1234567890",
      defaultModel: "small-model",
    });
    expect(created.id).toMatch(/^p-[0-9a-f]{12}$/);
    expect(created).toMatchObject({
      kind: "custom",
      configured: true,
      source: "ui",
      editable: "all",
      key: "•••• 7890",
      baseUrl: base,
      defaultModel: "small-model",
      status: { reachable: true, modelCount: 2, defaultModelListed: true },
    });
    expect(seenAuth.at(-1)).toBe("Bearer sk-custom-key-1234567890");
    const catalog = await getCatalog();
    const entry = catalog.providers.find((p) => p.id === created.id);
    expect(entry).toMatchObject({ name: "Local vLLM", configured: true, defaultModel: "small-model" });
    expect(entry?.models.map((m) => m.id)).toEqual(["deepseek/deepseek-v3.2-speciale", "small-model"]);

    (
      await expect(settings.createCustomProvider({ name: "local vllm", baseUrl: base }))
    ).rejects.toMatchObject({
      status: 409,
      issues: [{ field: "name" }],
    });
    await expect(settings.createCustomProvider({ name: "DeepSeek", baseUrl: base })).rejects.toMatchObject({
      status: 409,
    });

    const edited = await settings.updateProvider(created.id, {
      name: "Renamed",
      apiKey: null,
      defaultModel: null,
    });
    expect(edited).toMatchObject({ name: "Renamed", key: null, defaultModel: null });
    expect(seenAuth.at(-1)).toBe("");

    await settings.removeProvider(created.id);
    expect(await byId(created.id)).toBeUndefined();
    expect((await getCatalog()).providers.some((p) => p.id === created.id)).toBe(false);
  });

  it("shows the provider's own error, redacted, and a refused connection", async () => {
    const refused = await settings.createCustomProvider({
      name: "Refuses",
      baseUrl: base,
      apiKey: "sk-refused-key-9876543210",
    });
    expect(refused.status?.reachable).toBe(false);
    expect(refused.status?.error).toBe(
      "GET /models answered 401: Authentication Fails, Your api key: [redacted] is invalid",
    );

    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const down = await settings.createCustomProvider({
      name: "Down",
      baseUrl: `http://127.0.0.1:${port}/v1`,
    });
    expect(down.status).toMatchObject({ reachable: false, error: expect.stringContaining("ECONNREFUSED") });
    expect(down.status?.error).not.toContain(String(port));
    await settings.removeProvider(refused.id);
    await settings.removeProvider(down.id);
  });

  it("does not use a key whose ciphertext was altered", async () => {
    const created = await settings.createCustomProvider({
      name: "Tampered",
      baseUrl: base,
      apiKey: "sk-tamper-key-11112222",
    });
    const row = await q.getProviderConfig(getDb(), created.id);
    const parts = (row?.apiKeyEncrypted ?? "").split(".");
    parts[3] = Buffer.from("something else").toString("base64url");
    await q.updateProviderConfig(getDb(), created.id, { apiKeyEncrypted: parts.join(".") }, Date.now());
    // As another instance's change would be seen (PostgreSQL reads the configuration every few seconds).
    await refreshProviderConfigs();
    const view = await byId(created.id);
    expect(view).toMatchObject({
      configured: false,
      key: null,
      keyNote: expect.stringMatching(/cannot be decrypted/),
    });
    expect((await getCatalog()).providers.find((p) => p.id === created.id)?.configured).toBe(false);
    await settings.removeProvider(created.id);
  });
});
