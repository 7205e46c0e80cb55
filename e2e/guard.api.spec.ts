import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { APIResponse } from "@playwright/test";
import { APP_URL, PRESET_MODELS } from "./env";
import { expect, test } from "./fixtures";

async function expectJsonError(res: APIResponse, status: number, code: string) {
  expect(res.status(), res.url()).toBe(status);
  expect(res.headers()["content-type"], res.url()).toContain("application/json");
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  return body;
}

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "x-dns-prefetch-control": "off",
};

function expectSecurityHeaders(res: APIResponse, referrer = "strict-origin-when-cross-origin") {
  const h = res.headers();
  expect(h, res.url()).toMatchObject({ ...SECURITY_HEADERS, "referrer-policy": referrer });
  const csp = h["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'(;|$)/);
  for (const d of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
    expect(csp).toContain(d);
  }
  // Remote images only where a "Load image" click can ask for one; never on share pages.
  const imgSrc =
    referrer === "no-referrer" ? "img-src 'self' data: blob:;" : "img-src 'self' data: blob: https:;";
  expect(csp).toContain(imgSrc);
  expect(csp).not.toContain("unsafe-inline' 'strict"); // no inline scripts
  expect(/script-src[^;]*unsafe-inline/.test(csp)).toBe(false);
}

test.describe("JSON for every API answer", () => {
  test("a wrong method is a JSON 405 with Allow", async ({ request }) => {
    const res = await request.get("/api/chat");
    await expectJsonError(res, 405, "method_not_allowed");
    expect(res.headers().allow).toBe("POST, OPTIONS");
    const put = await request.put("/api/conversations/some-id", { data: {} });
    await expectJsonError(put, 405, "method_not_allowed");
    expect(put.headers().allow).toBe("GET, PATCH, DELETE, HEAD, OPTIONS");
    await expectJsonError(await request.delete("/api/providers"), 405, "method_not_allowed");
  });

  test("an unknown API path is a JSON 404, whatever the method", async ({ request }) => {
    for (const method of ["GET", "POST", "PATCH", "DELETE"]) {
      const res = await request.fetch("/api/no/such/route", {
        method,
        data: method === "GET" ? undefined : {},
      });
      await expectJsonError(res, 404, "not_found");
    }
    await expectJsonError(await request.get("/api/conversations/x/nope"), 404, "not_found");
  });

  test("malformed percent-encoding is a JSON 400 naming the path", async ({ request }) => {
    for (const url of ["/api/conversations/%E0%A4%A", "/api/conversations/%zz", "/api/%", "/c/%E0%A4%A"]) {
      const body = await expectJsonError(await request.get(url), 400, "invalid_request");
      expect(body).toMatchObject({ error: { field: "path" } });
    }
  });
});

test.describe("bodies and origins", () => {
  test("a write whose body is not JSON is a 415 and stores nothing", async ({ request, uid }) => {
    const id = `t415-${uid}`;
    const body = JSON.stringify({
      conversationId: id,
      trigger: "submit",
      message: { id: `m-${id}`, text: "hello" },
      providerId: "offline",
      modelId: "offline/ngram",
      params: {},
    });
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
    ]) {
      const res = await request.post("/api/chat", { data: body, headers: { "content-type": type } });
      await expectJsonError(res, 415, "unsupported_media_type");
    }
    expect((await request.get(`/api/conversations/${id}`)).status()).toBe(404);
  });

  test("a write from another origin is a 403 forbidden_origin and stores nothing; curl-like requests pass", async ({
    request,
    uid,
  }) => {
    const id = `xo-${uid}`;
    const data = {
      conversationId: id,
      trigger: "submit",
      message: { id: `m-${id}`, text: "hello" },
      providerId: "offline",
      modelId: "offline/ngram",
      params: {},
    };
    const attempts: Record<string, string>[] = [
      { origin: "http://evil.example" },
      { origin: APP_URL.replace("127.0.0.1", "localhost") },
      { origin: "null" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
    ];
    for (const headers of attempts) {
      await expectJsonError(await request.post("/api/chat", { data, headers }), 403, "forbidden_origin");
    }
    expect((await request.get(`/api/conversations/${id}`)).status()).toBe(404);
    const same = await request.post("/api/chat", { data, headers: { origin: APP_URL } });
    expect(same.status()).toBe(200);
    await same.text();
    expect((await request.get(`/api/conversations/${id}`)).status()).toBe(200);
    await expectJsonError(
      await request.delete(`/api/conversations/${id}`, { headers: { origin: "http://evil.example" } }),
      403,
      "forbidden_origin",
    );
    expect((await request.get(`/api/conversations/${id}`)).status()).toBe(200);
  });

  test("import also takes a multipart/form-data file upload from the same origin", async ({
    request,
    api,
    uid,
  }) => {
    const id = `mp-${uid}`;
    await api.chat({
      conversationId: id,
      trigger: "submit",
      message: { id: `m-${id}`, text: `Multipart source ${uid}` },
      providerId: "aimlapi",
      modelId: PRESET_MODELS.aimlapi,
      params: {},
    });
    const file = await (await request.get(`/api/conversations/${id}/export?format=json`)).body();
    const multipart = { file: { name: "export.json", mimeType: "application/json", buffer: file } };
    await expectJsonError(
      await request.post("/api/conversations/import", {
        multipart,
        headers: { origin: "http://evil.example" },
      }),
      403,
      "forbidden_origin",
    );
    const res = await request.post("/api/conversations/import", { multipart, headers: { origin: APP_URL } });
    expect(res.status(), await res.text()).toBe(201);
    const { kind, id: imported } = (await res.json()) as { kind: string; id: string };
    expect(kind).toBe("conversation");
    expect(imported).not.toBe(id);
    const missing = await request.post("/api/conversations/import", { multipart: { other: "x" } });
    const body = await expectJsonError(missing, 400, "invalid_request");
    expect(body).toMatchObject({ error: { field: "file" } });
  });

  test("without a password, a Host that is not loopback is refused (DNS rebinding)", async ({ request }) => {
    for (const host of ["evil.example", "evil.example:3100", "192.168.1.20:3100"]) {
      await expectJsonError(
        await request.get("/api/conversations", { headers: { host } }),
        403,
        "forbidden_host",
      );
      await expectJsonError(await request.get("/", { headers: { host } }), 403, "forbidden_host");
    }
    expect(
      (
        await request.get("/api/health", { headers: { host: `localhost:${new URL(APP_URL).port}` } })
      ).status(),
    ).toBe(200);
  });
});

test.describe("security headers", () => {
  test("on pages, API answers, refusals, share pages and static files", async ({ request, uid }) => {
    const page = await request.get("/");
    expectSecurityHeaders(page);
    const html = await page.text();
    const nonce = /'nonce-([^']+)'/.exec(page.headers()["content-security-policy"] ?? "")?.[1];
    expect(html).toContain(`nonce="${nonce}"`);
    // Every script element of the page carries the nonce.
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    // A fresh nonce per response.
    const again = await request.get("/");
    expect(again.headers()["content-security-policy"]).not.toBe(page.headers()["content-security-policy"]);

    expectSecurityHeaders(await request.get("/api/providers"));
    expectSecurityHeaders(await request.get("/api/chat"));
    expectSecurityHeaders(await request.get("/api/nope"));
    const asset = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeTruthy();
    expectSecurityHeaders(await request.get(asset as string));
    expectSecurityHeaders(await request.get("/icon.svg"));

    const id = `hdr-${uid}`;
    const chat = await request.post("/api/chat", {
      data: {
        conversationId: id,
        trigger: "submit",
        message: { id: `m-${id}`, text: "headers" },
        providerId: "aimlapi",
        modelId: PRESET_MODELS.aimlapi,
        params: {},
      },
    });
    await chat.text();
    // Without TRUST_PROXY a forwarded host cannot make the app print links to another site.
    const created = await request.post(`/api/conversations/${id}/share`, {
      data: {},
      headers: { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
    });
    const share = (await created.json()) as { token: string; url: string };
    expect(share.url).toBe(`${APP_URL}/share/${share.token}`);
    const sharePage = await request.get(`/share/${share.token}`);
    expect(sharePage.status()).toBe(200);
    expectSecurityHeaders(sharePage, "no-referrer");
    expectSecurityHeaders(await request.get("/share/unknown-token"), "no-referrer");
  });
});

test.describe("npm start", () => {
  test("refuses a non-loopback HOST without a password, in one line, before building anything", () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), "start-refusal-"));
    const distDir = path.join(dist, "never-built");
    const root = path.resolve(import.meta.dirname, "..");
    const run = (extra: Record<string, string>) =>
      spawnSync(path.join(root, "node_modules", ".bin", "node"), ["lib/cli/start.mjs"], {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? "",
          NODE_ENV: "production",
          NEXT_DIST_DIR: path.relative(root, distDir),
          ...extra,
        },
        encoding: "utf8",
        timeout: 20_000,
      });
    const refused = run({ HOST: "0.0.0.0", PORT: "39999" });
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe("");
    const lines = refused.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Refusing to listen on 0\.0\.0\.0 without a password: .*PLAYGROUND_PASSWORD/);
    expect(fs.existsSync(distDir)).toBe(false);
    fs.rmSync(dist, { recursive: true, force: true });
  });
});
