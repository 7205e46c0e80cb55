import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Request } from "@playwright/test";
import type { ApiConversation } from "./app-api";
import { APP_URL, PRESET_MODELS } from "./env";
import { expect, test } from "./fixtures";

/**
 * A page from another site (http://localhost:<port>, while the app is http://127.0.0.1:<port>) tries every
 * write a browser lets any page send without asking: fetch no-cors, a text/plain form and sendBeacon, plus a
 * credentialed DELETE. None may reach the provider, store, share or delete anything.
 */
let attacker: http.Server;
let attackerUrl: string;

test.beforeAll(async () => {
  attacker = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<!doctype html><title>Totally harmless</title><iframe name=sink></iframe>");
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  attackerUrl = `http://localhost:${(attacker.address() as AddressInfo).port}/`;
});

test.afterAll(async () => {
  await new Promise((resolve) => attacker.close(resolve));
});

test("another site's page cannot chat, import, share or delete", async ({
  page,
  api,
  request,
  fake,
  uid,
}) => {
  const victim = `victim-${uid}`;
  const text = fake.message(`Victim chat ${uid}`);
  await api.chat({
    conversationId: victim,
    trigger: "submit",
    message: { id: `m-${victim}`, text },
    providerId: "aimlapi",
    modelId: PRESET_MODELS.aimlapi,
    params: {},
  });
  await fake.expectChatRequests(1);
  const exported = await (await request.get(`/api/conversations/${victim}/export?format=json`)).text();

  const chatBody = JSON.stringify({
    conversationId: `stolen-${uid}`,
    trigger: "submit",
    message: { id: `m-stolen-${uid}`, text: fake.message(`Attack ${uid}`) },
    providerId: "aimlapi",
    modelId: PRESET_MODELS.aimlapi,
    params: {},
  });
  const targets = [
    { url: `${APP_URL}/api/chat`, body: chatBody },
    { url: `${APP_URL}/api/conversations/import`, body: exported },
    { url: `${APP_URL}/api/conversations/${victim}/share`, body: JSON.stringify({ expiresIn: "never" }) },
  ];

  const sent: string[] = [];
  const answered: number[] = [];
  page.on("request", (r) => {
    if (r.url().startsWith(APP_URL) && r.method() === "POST") sent.push(r.resourceType());
  });
  page.on("response", (r) => {
    if (r.url().startsWith(APP_URL)) answered.push(r.status());
  });
  await page.goto(attackerUrl);

  for (const { url, body } of targets) {
    await page.evaluate(
      async ({ url, body }) => {
        await fetch(url, {
          method: "POST",
          mode: "no-cors",
          credentials: "include",
          headers: { "content-type": "text/plain" },
          body,
        }).catch(() => undefined);
      },
      { url, body },
    );
    await page.evaluate(
      ({ url, body }) => navigator.sendBeacon(url, new Blob([body], { type: "text/plain" })),
      {
        url,
        body,
      },
    );
    // A text/plain form whose field name and value join into the JSON body: `<name>=<value>`.
    const [name, value] = [`${body.slice(0, -1)},"pad":"`, `"}`];
    // Settled either way: a 403, or a reset when the server refuses before the whole upload was read.
    const isForm = (r: Request) =>
      r.url() === url && r.method() === "POST" && r.resourceType() === "document";
    const formSettled = new Promise<void>((resolve) => {
      const done = (r: Request) => {
        if (!isForm(r)) return;
        page.off("requestfinished", done);
        page.off("requestfailed", done);
        resolve();
      };
      page.on("requestfinished", done);
      page.on("requestfailed", done);
    });
    await page.evaluate(
      ({ url, name, value }) => {
        const form = document.createElement("form");
        form.method = "POST";
        form.action = url;
        form.enctype = "text/plain";
        form.target = "sink";
        const input = document.createElement("input");
        input.name = name;
        input.value = value;
        form.append(input);
        document.body.append(form);
        form.submit();
      },
      { url, name, value },
    );
    await formSettled;
  }
  const deleted = await page.evaluate(
    async (url) =>
      fetch(url, { method: "DELETE", mode: "cors", credentials: "include" }).then(
        (r) => r.status,
        () => "blocked",
      ),
    `${APP_URL}/api/conversations/${victim}`,
  );
  expect(deleted).toBe("blocked");

  // Each kind of write left the browser for each target (the no-cors fetch and the beacon are opaque to the
  // page; those the browser reports were refused by the app).
  expect(sent.sort()).toEqual([
    ...Array(3).fill("document"),
    ...Array(3).fill("fetch"),
    ...Array(3).fill("ping"),
  ]);
  expect(answered.length).toBeGreaterThan(0);
  expect(
    answered.every((status) => status === 403),
    JSON.stringify(answered),
  ).toBe(true);

  // Nothing reached the provider, nothing was stored, shared, imported or deleted.
  expect(await fake.chatRequests()).toHaveLength(1);
  expect((await request.get(`/api/conversations/stolen-${uid}`)).status()).toBe(404);
  const conv = (await (await request.get(`/api/conversations/${victim}`)).json()) as ApiConversation;
  expect(conv.messages).toHaveLength(2);
  const links = (await (await request.get(`/api/conversations/${victim}/share`)).json()) as {
    links: unknown[];
  };
  expect(links.links).toHaveLength(0);
  const list = (await (await request.get("/api/conversations")).json()) as {
    conversations: { title: string }[];
  };
  expect(list.conversations.filter((c) => c.title.includes(`Victim chat ${uid}`))).toHaveLength(1);
});
