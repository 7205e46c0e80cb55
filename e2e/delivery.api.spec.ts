import { request as playwrightRequest } from "@playwright/test";
import { parseUiStream } from "./app-api";
import { AUTH_APP_URL, PRESET_MODELS } from "./env";
import { expect, test } from "./fixtures";

const IMMUTABLE = "public, max-age=31536000, immutable";

test.describe("delivery", () => {
  test("the chat's event stream is not compressed, even when the client accepts gzip; pages still are", async ({
    request,
    fake,
    uid,
  }) => {
    await fake.script({ reasoning: "Short.", answer: `Plain ${uid}.` });
    const res = await request.post("/api/chat", {
      headers: { "accept-encoding": "gzip, deflate, br" },
      data: {
        conversationId: `gz-${uid}`,
        trigger: "submit",
        message: { id: `u-${uid}`, text: fake.message(`Plain please ${uid}`) },
        providerId: "aimlapi",
        modelId: PRESET_MODELS.aimlapi,
        params: {},
      },
    });
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("text/event-stream");
    expect(res.headers()["content-encoding"]).toBeUndefined();
    expect(res.headers()["cache-control"]).toContain("no-transform");
    expect(parseUiStream(await res.text()).text).toBe(`Plain ${uid}.`);

    const page = await request.get("/", { headers: { "accept-encoding": "gzip" } });
    expect(page.headers()["content-encoding"]).toBe("gzip");
  });

  test("the icon and the share-link image are served from public/ with a year of immutable caching at their versioned URL", async ({
    request,
    fake,
    uid,
  }) => {
    const html = await (await request.get("/")).text();
    const icon = /<link rel="icon" href="([^"]+)"/.exec(html)?.[1];
    expect(icon).toMatch(/^\/icon\.svg\?v=[0-9a-f]{10}$/);
    const versioned = await request.get(icon as string);
    expect(versioned.status()).toBe(200);
    expect(versioned.headers()["content-type"]).toContain("image/svg+xml");
    expect(versioned.headers()["cache-control"]).toBe(IMMUTABLE);
    // The security headers of every response are still there.
    expect(versioned.headers()["x-content-type-options"]).toBe("nosniff");
    expect(versioned.headers()["content-security-policy"]).toContain("default-src");
    // Without the version (or with another one) the content may change: no immutable caching.
    expect((await request.get("/icon.svg")).headers()["cache-control"]).not.toContain("immutable");
    expect((await request.get("/icon.svg?v=0000000000")).headers()["cache-control"]).not.toContain(
      "immutable",
    );

    await fake.script({ reasoning: "Short.", answer: "Shared." });
    const id = `og-${uid}`;
    await request.post("/api/chat", {
      data: {
        conversationId: id,
        trigger: "submit",
        message: { id: `u-${uid}`, text: fake.message(`Share me ${uid}`) },
        providerId: "aimlapi",
        modelId: PRESET_MODELS.aimlapi,
        params: {},
      },
    });
    const link = (await (await request.post(`/api/conversations/${id}/share`, { data: {} })).json()) as {
      url: string;
    };
    const sharePage = await (await request.get(new URL(link.url).pathname)).text();
    const og = /<meta property="og:image" content="([^"]+)"/.exec(sharePage)?.[1];
    expect(og).toMatch(/^http:\/\/[^/]+\/og\.png\?v=[0-9a-f]{10}$/);
    const image = await request.get(new URL(og as string).pathname + new URL(og as string).search);
    expect(image.status()).toBe(200);
    expect(image.headers()["content-type"]).toBe("image/png");
    expect(image.headers()["cache-control"]).toBe(IMMUTABLE);
    expect(sharePage).toContain('<meta name="twitter:card" content="summary_large_image"');

    // With a password, a link preview (no session) still gets the image, like the share page itself.
    const visitor = await playwrightRequest.newContext({ baseURL: AUTH_APP_URL });
    try {
      const ogPath = new URL(og as string);
      const anonymous = await visitor.get(ogPath.pathname + ogPath.search, { maxRedirects: 0 });
      expect(anonymous.status()).toBe(200);
      expect(anonymous.headers()["content-type"]).toBe("image/png");
    } finally {
      await visitor.dispose();
    }
  });
});
