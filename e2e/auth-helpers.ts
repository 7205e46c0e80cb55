import { type APIRequestContext, expect, request as playwrightRequest } from "@playwright/test";
import { AUTH_APP_URL, AUTH_PASSWORD, PRESET_MODELS } from "./env";

/** A request context on the password-protected app; signed in unless `signedIn` is false. */
export async function authContext({ signedIn = true } = {}): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL: AUTH_APP_URL });
  if (signedIn) {
    const res = await context.post("/api/auth/login", { data: { password: AUTH_PASSWORD } });
    expect(res.status(), await res.text()).toBe(204);
  }
  return context;
}

/** A conversation with one answered turn (the fake provider's default scenario), created by the owner. */
export async function createConversation(owner: APIRequestContext, id: string, text: string): Promise<void> {
  const res = await owner.post("/api/chat", {
    data: {
      conversationId: id,
      trigger: "submit",
      message: { id: `m-${id}`, text },
      providerId: "aimlapi",
      modelId: PRESET_MODELS.aimlapi,
      params: {},
    },
  });
  expect(res.status()).toBe(200);
  await res.text();
}

/** A share link of that conversation: its token and URL. */
export async function createShare(
  owner: APIRequestContext,
  id: string,
): Promise<{ token: string; url: string }> {
  const res = await owner.post(`/api/conversations/${id}/share`, { data: {} });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { token: string; url: string };
}
