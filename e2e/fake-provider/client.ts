/** Typed client for the fake provider's control API (see server.ts). Used by the e2e fixtures and specs. */
import type { ChatRequestBody, RecordedRequest, Scenario, ScriptRegistration, WireMessage } from "./types";

export type { ChatRequestBody, RecordedRequest, Scenario, WireMessage };

/** The text a test puts in a user message to select its script. */
export function markerFor(scriptId: string): string {
  return `[[fake:${scriptId}]]`;
}

export class FakeProviderClient {
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/$/, "");
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`fake-provider ${method} ${path} → ${res.status}: ${text}`);
    return text === "" ? null : JSON.parse(text);
  }

  /** Register (or replace) a script: one scenario, or one per successive chat request (the last repeats). */
  async register(id: string, scenarioOrSteps: Scenario | Scenario[]): Promise<void> {
    const reg: ScriptRegistration = Array.isArray(scenarioOrSteps)
      ? { id, steps: scenarioOrSteps }
      : { id, scenario: scenarioOrSteps };
    await this.call("POST", "/__control/scripts", reg);
  }

  async unregister(id: string): Promise<void> {
    await fetch(`${this.baseUrl}/__control/scripts/${encodeURIComponent(id)}`, { method: "DELETE" });
  }

  /** Recorded requests, oldest first; filter by script id and/or host prefix. */
  async requests(filter: { script?: string; prefix?: string } = {}): Promise<RecordedRequest[]> {
    const q = new URLSearchParams();
    if (filter.script !== undefined) q.set("script", filter.script);
    if (filter.prefix !== undefined) q.set("prefix", filter.prefix);
    const out = (await this.call("GET", `/__control/requests?${q}`)) as { requests: RecordedRequest[] };
    return out.requests;
  }

  /** Let every stream waiting on this gate (Scenario.answerGate) go on, now and later. */
  async openGate(name: string): Promise<void> {
    await this.call("POST", `/__control/gates/${encodeURIComponent(name)}`, {});
  }

  /** Forget every script and request. Affects every worker: only for a standalone run. */
  async reset(): Promise<void> {
    await this.call("POST", "/__control/reset", {});
  }

  async healthy(): Promise<boolean> {
    try {
      await this.call("GET", "/__control/health");
      return true;
    } catch {
      return false;
    }
  }
}

/** Ready-made provider failures, shaped like the real hosts' bodies. */
export const providerErrors = {
  /** DeepSeek's 401 for a bad key. */
  auth401(message = "Authentication Fails, Your api key: ****abcd is invalid"): Scenario {
    return {
      httpError: {
        status: 401,
        body: {
          error: { message, type: "authentication_error", param: null, code: "invalid_request_error" },
        },
      },
    };
  },
  rateLimit429(
    retryAfterSeconds = 7,
    message = "Rate limit reached for requests. Please retry after a short wait.",
  ): Scenario {
    return {
      httpError: {
        status: 429,
        headers: { "retry-after": String(retryAfterSeconds) },
        body: { error: { message, type: "rate_limit_error", param: null, code: "rate_limit_exceeded" } },
      },
    };
  },
  insufficientBalance402(): Scenario {
    return {
      httpError: {
        status: 402,
        body: {
          error: {
            message: "Insufficient Balance",
            type: "unknown_error",
            param: null,
            code: "invalid_request_error",
          },
        },
      },
    };
  },
  serverBusy503(): Scenario {
    return {
      httpError: {
        status: 503,
        body: {
          error: {
            message: "Server is busy, please try again later.",
            type: "server_error",
            param: null,
            code: "server_overloaded",
          },
        },
      },
    };
  },
};

/** Text of a wire message's content (string or parts). */
export function wireText(m: WireMessage): string {
  if (typeof m.content === "string") return m.content;
  if (Array.isArray(m.content)) return m.content.map((p) => p.text ?? "").join("");
  return "";
}
