import http from "node:http";
import type { AddressInfo } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { streamText } from "ai";
import { afterAll, describe, expect, it } from "vitest";
import { openTestAppDb } from "@/lib/testing/app-db";

/** An OpenAI-compatible host answering every chat completion with a short event stream, keeping connections. */
const host = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    const chunk = { id: "c", choices: [{ index: 0, delta: { content: "Hi." }, finish_reason: "stop" }] };
    res.end(`data: ${JSON.stringify(chunk)}\n\ndata: [DONE]\n\n`);
  });
});
host.keepAliveTimeout = 60_000;
await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
// lib/env reads the environment once, on first use: set before anything imports it.
process.env.AIMLAPI_BASE_URL = `http://127.0.0.1:${(host.address() as AddressInfo).port}/v1`;
process.env.AIMLAPI_API_KEY = "sk-providers-test-key-0001";
afterAll(() => {
  host.closeAllConnections();
  host.close();
});

// Providers are read from the database (keys and providers set in /settings): an empty one, in memory.
await openTestAppDb("providers", { memory: true });
const { OFFLINE_MODEL_ID } = await import("./offline");
const { languageModel, withRequestBodyListener } = await import("./providers");

describe("languageModel", () => {
  it("is built once per provider+model", () => {
    expect(languageModel("offline", OFFLINE_MODEL_ID)).toBe(languageModel("offline", OFFLINE_MODEL_ID));
    expect(languageModel("offline", "another")).not.toBe(languageModel("offline", OFFLINE_MODEL_ID));
  });

  it("reports each request's own body to that request's listener, with concurrent requests on one model", async () => {
    const model = languageModel("offline", OFFLINE_MODEL_ID);
    const run = async (temperature: number) => {
      const bodies: Record<string, unknown>[] = [];
      const result = withRequestBodyListener(
        (body) => bodies.push(body),
        () =>
          streamText({
            model,
            messages: [
              { role: "user", content: "Hello" },
              {
                role: "assistant",
                content: [
                  { type: "reasoning", text: "earlier thoughts" },
                  { type: "text", text: "Hi" },
                ],
              },
              { role: "user", content: "Tell me about the tides." },
            ],
            temperature,
            maxOutputTokens: 20,
          }),
      );
      for await (const part of result.stream) if (part.type === "error") throw part.error;
      return bodies;
    };
    const [a, b] = await Promise.all([run(0.1), run(0.9)]);
    expect(a.map((body) => body.temperature)).toEqual([0.1]);
    expect(b.map((body) => body.temperature)).toEqual([0.9]);
    // Earlier turns' reasoning is never sent back.
    expect(JSON.stringify(a[0]?.messages)).not.toContain("earlier thoughts");
  });

  it("keeps nothing of a finished call on the connection the agent keeps open for the next one", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const model = languageModel("aimlapi", "a-model");
    // What a turn's listener keeps (the turn's answer and history, in run-chat), referenced by nothing else.
    const turn = (() => {
      const state = { answer: "x".repeat(100_000) };
      const result = withRequestBodyListener(
        () => void state.answer,
        () => streamText({ model, prompt: "Hello", maxRetries: 0 }),
      );
      return { state: new WeakRef(state), result };
    })();
    let text = "";
    for await (const part of turn.result.stream) if (part.type === "text-delta") text += part.text;
    expect(text).toBe("Hi.");
    // The connection is idle in the agent's pool now; a WeakRef's target outlives the job that made it.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(turn.state.deref()).toBeUndefined();
  });
});
