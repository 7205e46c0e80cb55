import { type APIRequestContext, expect as baseExpect } from "@playwright/test";
import { authContext, createConversation, createShare } from "./auth-helpers";
import { AUTH_APP_URL, AUTH_PASSWORD } from "./env";
import { expect, test } from "./fixtures";

async function expectJsonError(
  res: Awaited<ReturnType<APIRequestContext["get"]>>,
  status: number,
  code: string,
) {
  baseExpect(res.status(), `${res.url()}`).toBe(status);
  baseExpect(res.headers()["content-type"]).toContain("application/json");
  baseExpect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
}

test.describe("password-protected API", () => {
  test("every API answers a JSON 401 without a session, except health and login", async () => {
    const stranger = await authContext({ signedIn: false });
    for (const [method, path] of [
      ["GET", "/api/conversations"],
      ["GET", "/api/providers"],
      ["GET", "/api/shares"],
      ["GET", "/api/offline/v1/models"],
      ["DELETE", "/api/conversations/x"],
      ["POST", "/api/chat"],
      ["POST", "/api/conversations/import"],
      ["POST", "/api/shares/some-token/fork"],
    ] as const) {
      const res = await stranger.fetch(path, { method, data: method === "POST" ? {} : undefined });
      await expectJsonError(res, 401, "unauthorized");
    }
    expect((await stranger.get("/api/health")).status()).toBe(200);
    const page = await stranger.get("/compare", { maxRedirects: 0 });
    expect(page.status()).toBe(307);
    expect(page.headers().location).toBe("/login?next=%2Fcompare");
    await stranger.dispose();
  });

  test("fork of a share link needs a session; the owner can", async ({ uid }) => {
    const owner = await authContext();
    const id = `fork-${uid}`;
    await createConversation(owner, id, `Fork me ${uid}`);
    const { token } = await createShare(owner, id);
    const stranger = await authContext({ signedIn: false });
    expect((await stranger.get(`/share/${token}`)).status()).toBe(200);
    await expectJsonError(await stranger.post(`/api/shares/${token}/fork`), 401, "unauthorized");
    const forked = await owner.post(`/api/shares/${token}/fork`);
    expect(forked.status()).toBe(201);
    await stranger.dispose();
    await owner.dispose();
  });

  test("login: wrong password 401 naming the field; right one sets an HttpOnly SameSite=Lax session cookie", async () => {
    const client = await authContext({ signedIn: false });
    const wrong = await client.post("/api/auth/login", { data: { password: "nope" } });
    expect(wrong.status()).toBe(401);
    expect(await wrong.json()).toEqual({
      error: { code: "wrong_password", message: "Wrong password", field: "password" },
    });
    const right = await client.post("/api/auth/login", { data: { password: AUTH_PASSWORD } });
    expect(right.status()).toBe(204);
    const setCookie = right.headers()["set-cookie"];
    expect(setCookie).toMatch(/^sp_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=2592000$/);
    expect((await client.get("/api/conversations")).status()).toBe(200);
    // A forged or altered cookie is no session.
    const forged = await authContext({ signedIn: false });
    const value = /sp_session=([^;]+)/.exec(setCookie)?.[1] ?? "";
    const tampered = value.replace(/^v1\.(\d+)/, (_, exp) => `v1.${Number(exp) + 1}`);
    const res = await forged.get("/api/conversations", { headers: { cookie: `sp_session=${tampered}` } });
    expect(res.status()).toBe(401);
    const logout = await client.post("/api/auth/logout");
    expect(logout.headers()["set-cookie"]).toContain("Max-Age=0");
    expect((await client.get("/api/conversations")).status()).toBe(401);
    await client.dispose();
    await forged.dispose();
  });

  test("11th failed login within a minute from one client → 429 with Retry-After", async () => {
    const client = await authContext({ signedIn: false });
    const headers = { "x-forwarded-for": `203.0.113.7, api-${Date.now()}` };
    for (let i = 0; i < 10; i++) {
      const res = await client.post("/api/auth/login", { data: { password: `wrong-${i}` }, headers });
      expect(res.status()).toBe(401);
    }
    const limited = await client.post("/api/auth/login", { data: { password: AUTH_PASSWORD }, headers });
    await expectJsonError(limited, 429, "rate_limited");
    expect(Number(limited.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers()["retry-after"])).toBeLessThanOrEqual(60);
    // Another client is not affected.
    const other = await client.post("/api/auth/login", { data: { password: AUTH_PASSWORD } });
    expect(other.status()).toBe(204);
    await client.dispose();
  });

  test("with a password the Host header is not restricted (the password protects)", async () => {
    const res = await (await authContext({ signedIn: false })).get(`${AUTH_APP_URL}/login`, {
      headers: { host: "playground.example:8080" },
    });
    expect(res.status()).toBe(200);
  });
});
