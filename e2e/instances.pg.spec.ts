import type { ChildProcess } from "node:child_process";
import { type APIRequestContext, type Page, request as playwrightRequest } from "@playwright/test";
import { startTestRedis, type TestRedis } from "../lib/testing/redis-server";
import { type ApiConversation, textOf } from "./app-api";
import { startAppServer } from "./app-server";
import { expect, test } from "./fixtures";
import { freePort, stopChild } from "./local-servers.mjs";
import { ChatPage } from "./pages/chat-page";
import { ComparePage } from "./pages/compare-page";
import { PostgresUnavailableError, startPostgres } from "./pg/postgres.mjs";

/**
 * Two instances, no sticky sessions: two `next start` (the production build in NEXT_DIST_DIR) on different
 * ports, one throwaway PostgreSQL and one redis-server, pointed at the rig's fake provider. A turn sent
 * through A is watched and stopped through B; A killed mid-answer leaves its partial answer, which B marks
 * interrupted. Skipped when redis-server or the PostgreSQL server binaries are missing (CI installs both).
 */
test.describe.configure({ mode: "serial" });

interface Instance {
  name: string;
  url: string;
  api: APIRequestContext;
  server: ChildProcess;
  log(): string;
}

let pg: Awaited<ReturnType<typeof startPostgres>> | undefined;
let redis: TestRedis | undefined;
let skipReason: string | undefined;
const instances: Instance[] = [];

async function startInstance(name: string): Promise<Instance> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = "";
  const server = await startAppServer(
    port,
    {
      DATABASE_URL: pg?.url ?? "",
      // Required with DATABASE_URL: the instances on one database share it.
      PLAYGROUND_SECRET: "e2e-instances-secret-0123456789abcdef0123",
      REDIS_URL: redis?.url ?? "",
    },
    (text) => {
      log += text;
    },
  );
  const instance: Instance = {
    name,
    url,
    server,
    api: await playwrightRequest.newContext({ baseURL: url }),
    log: () => log,
  };
  instances.push(instance);
  return instance;
}

async function conversation(instance: Instance, id: string): Promise<ApiConversation> {
  const res = await instance.api.get(`/api/conversations/${id}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as ApiConversation;
}

let a: Instance;
let b: Instance;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  redis = await startTestRedis();
  if (!redis) {
    skipReason = "redis-server is not installed";
    return;
  }
  try {
    pg = await startPostgres();
  } catch (err) {
    if (!(err instanceof PostgresUnavailableError)) throw err;
    skipReason = err.message;
    return;
  }
  // Both at once, as behind a load balancer: each applies the migrations safely at start.
  [a, b] = await Promise.all([startInstance("A"), startInstance("B")]);
});

test.afterAll(async () => {
  for (const i of instances) {
    await stopChild(i.server, "SIGKILL");
    await i.api.dispose();
  }
  await redis?.stop();
  await pg?.stop();
});

test.beforeEach(() => {
  test.skip(skipReason !== undefined, `two-instance e2e skipped: ${skipReason}`);
});

// biome-ignore lint/correctness/noEmptyPattern: Playwright hooks take their fixtures by destructuring
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status === testInfo.expectedStatus) return;
  for (const i of instances) await testInfo.attach(`server-${i.name}.log`, { body: i.log() });
});

/** An answer that takes minutes (2000 words, 50 ms apart): it is always mid-stream when the test acts. */
function longAnswer(uid: string) {
  const words = Array.from({ length: 2000 }, (_, i) => `w${i}`).join(" ");
  return { reasoning: `Planning ${uid}.`, answer: `Long ${uid} ${words} FINAL${uid}`, chunkDelayMs: 50 };
}

/** The number of the last word shown in an answer ("… w41 w42" → 42). */
async function lastWord(page: ChatPage): Promise<number> {
  const text = ((await page.lastAssistant().root.textContent()) ?? "").match(/w(\d+)(?!.*w\d)/s)?.[1];
  return Number(text ?? -1);
}

/** Open a conversation (not ChatPage.goto: the network never idles while an answer streams in). */
async function openOn(page: Page, instance: Instance, id: string): Promise<ChatPage> {
  const chat = new ChatPage(page);
  await page.goto(`${instance.url}/c/${id}`);
  await expect(chat.composer).toBeVisible();
  return chat;
}

test("a turn sent through A streams on B opened mid-answer, and Stop through B stores it stopped", async ({
  page,
  context,
  fake,
  uid,
}) => {
  test.setTimeout(90_000);
  await fake.script(longAnswer(uid));
  const onA = new ChatPage(page);
  await onA.goto(`${a.url}/`);
  await onA.send(fake.message(`A long answer please ${uid}`));
  await expect(onA.lastAssistant().root).toContainText(`Long ${uid} w0 w1 w2`);
  const id = await onA.conversationId();

  // B has no turn of its own: it relays A's, from its first word, and follows it live.
  const onB = await openOn(await context.newPage(), b, id);
  await expect(onB.lastAssistant().root).toContainText(`Long ${uid} w0 w1 w2`);
  await expect(onB.stopButton).toBeVisible();
  const seen = await lastWord(onB);
  await expect.poll(() => lastWord(onB), { timeout: 15_000 }).toBeGreaterThan(seen + 10);

  await onB.stopButton.click();
  await onB.waitForIdle();
  await onA.waitForIdle();
  for (const shown of [onA, onB]) {
    await expect(shown.lastAssistant().root).toContainText("Stopped");
    await expect(shown.lastAssistant().root).not.toContainText(`FINAL${uid}`);
  }

  // Stored as stopped (read through either instance), the provider call aborted by A.
  const stored = (await conversation(b, id)).messages.at(-1);
  expect(stored?.metadata?.status).toBe("stopped");
  const text = stored ? textOf(stored) : "";
  expect(text).toMatch(new RegExp(`^Long ${uid} w0 w1 w2`));
  expect(text).not.toContain(`FINAL${uid}`);
  expect((await conversation(a, id)).messages.at(-1)?.metadata?.status).toBe("stopped");
  await expect(async () => {
    const [request] = await fake.chatRequests();
    expect(request?.aborted).toBe(true);
  }).toPass();
  // Both pages show what is stored: the same last word.
  const last = Number(text.trimEnd().match(/w(\d+)$/)?.[1]);
  expect(await lastWord(onA)).toBe(last);
  expect(await lastWord(onB)).toBe(last);

  // Nothing streams any more: B's stop and resume answer so.
  expect((await b.api.post(`/api/chat/${id}/stop`, { headers: { origin: b.url } })).status()).toBe(404);
  expect((await b.api.get(`/api/chat/${id}/stream`)).status()).toBe(204);
});

test("a comparison sent through A: opened on B mid-answer, every column streams there and ends once", async ({
  compare,
  context,
  fake,
  uid,
}) => {
  test.setTimeout(60_000);
  // The answers wait at a gate until the test opens it: both columns are mid-answer when B opens.
  await fake.script([
    { reasoning: `Col thoughts ${uid}.`, answer: `Column answer A ${uid}.`, answerGate: `cmp-${uid}` },
    { reasoning: `Col thoughts ${uid}.`, answer: `Column answer B ${uid}.`, answerGate: `cmp-${uid}` },
  ]);
  await compare.goto(`${a.url}/compare`);
  await compare.send(fake.message(`Both columns ${uid}`));
  await expect(compare.columns.getByRole("button", { name: "Stop", exact: true })).toHaveCount(2);
  // Stop shows as soon as a column sends; its reasoning, once A has stored the answer and streams it.
  await expect(compare.columns.getByText(`Col thoughts ${uid}.`)).toHaveCount(2);
  const id = await compare.comparisonId();

  const onB = new ComparePage(await context.newPage());
  await onB.page.goto(`${b.url}/compare/${id}`);
  await expect(onB.composer).toBeVisible();
  // Both columns follow their turns, relayed from A.
  await expect(onB.columns.getByRole("button", { name: "Stop", exact: true })).toHaveCount(2);
  await fake.client.openGate(`cmp-${uid}`);
  for (const shown of [compare, onB]) {
    await shown.waitForIdle();
    await expect(shown.columns.getByText(`Column answer A ${uid}.`)).toHaveCount(1);
    await expect(shown.columns.getByText(`Column answer B ${uid}.`)).toHaveCount(1);
  }
});

test("kill -9 A mid-answer: B, following it, shows it interrupted with the partial answer kept", async ({
  page,
  context,
  fake,
  uid,
}) => {
  test.setTimeout(120_000);
  await fake.script(longAnswer(uid));
  const onA = new ChatPage(page);
  await onA.goto(`${a.url}/`);
  await onA.send(fake.message(`Another long answer ${uid}`));
  await expect(onA.lastAssistant().root).toContainText(`Long ${uid} w0 w1 w2`);
  const id = await onA.conversationId();
  const onB = await openOn(await context.newPage(), b, id);
  await expect(onB.lastAssistant().root).toContainText(`Long ${uid} w0 w1 w2`);
  await expect(onB.stopButton).toBeVisible();

  // Killed once part of the answer is stored.
  await expect(async () => {
    const answer = (await conversation(b, id)).messages.at(-1);
    expect(answer?.metadata?.status).toBe("streaming");
    expect(answer ? textOf(answer) : "").toMatch(new RegExp(`^Long ${uid} w0 w1 w2 w3`));
  }).toPass({ timeout: 20_000 });
  await stopChild(a.server, "SIGKILL");

  // B marks it interrupted (A is gone); its page, following the relay, ends it and shows what is stored.
  const shown = onB.lastAssistant();
  await expect(shown.root.getByRole("alert")).toContainText(
    "The server stopped while this answer was streaming.",
    { timeout: 45_000 },
  );
  await expect(shown.retryButton).toBeVisible();
  await onB.waitForIdle();
  const stored = (await conversation(b, id)).messages.at(-1);
  expect(stored?.metadata).toMatchObject({ status: "error", error: { code: "interrupted" } });
  const partial = stored ? textOf(stored) : "";
  expect(partial).toMatch(new RegExp(`^Long ${uid} w0 w1 w2 w3`));
  expect(partial).not.toContain(`FINAL${uid}`);
  await expect(shown.root).toContainText(partial.slice(0, 40));
});
