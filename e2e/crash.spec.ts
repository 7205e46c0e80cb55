import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type APIRequestContext, request as playwrightRequest } from "@playwright/test";
import { type ApiConversation, textOf } from "./app-api";
import { startAppServer } from "./app-server";
import { expect, test } from "./fixtures";
import { freePort, stopChild } from "./local-servers.mjs";

/**
 * kill -9 in the middle of an answer, then a restart on the same database file: this spec runs its own
 * `next start` (the production build in NEXT_DIST_DIR) so it can kill it, pointed at the rig's fake provider.
 */
let dir: string;
let port: number;
let appUrl: string;
let server: ChildProcess | undefined;
let serverLog = "";
let api: APIRequestContext;

function startServer(): Promise<ChildProcess> {
  return startAppServer(port, { DATABASE_PATH: path.join(dir, "crash.db") }, (text) => {
    serverLog += text;
  });
}

async function conversation(id: string): Promise<ApiConversation> {
  const res = await api.get(`/api/conversations/${id}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as ApiConversation;
}

test.beforeAll(async () => {
  test.setTimeout(90_000);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "speciale-crash-"));
  port = await freePort();
  appUrl = `http://127.0.0.1:${port}`;
  api = await playwrightRequest.newContext({ baseURL: appUrl });
  server = await startServer();
});

test.afterAll(async () => {
  if (server) await stopChild(server, "SIGKILL");
  await api?.dispose();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

// biome-ignore lint/correctness/noEmptyPattern: Playwright hooks take their fixtures by destructuring
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach("server.log", { body: serverLog });
});

test("kill -9 mid-answer, restart: the question and the partial answer stay, marked interrupted, and the chat goes on", async ({
  chat,
  fake,
  uid,
}) => {
  test.setTimeout(120_000);
  // The first answer would take minutes (2000 chunks, 50 ms apart): the kill always lands mid-stream.
  const words = Array.from({ length: 2000 }, (_, i) => `w${i}`).join(" ");
  await fake.script([
    { reasoning: `Planning ${uid}.`, answer: `Crash ${uid} ${words} FINAL${uid}`, chunkDelayMs: 50 },
    { reasoning: "Short.", answer: `Recovered ${uid}.` },
  ]);

  await chat.goto(`${appUrl}/`);
  const question = fake.message(`A very long answer please ${uid}`);
  await chat.send(question);
  await expect(chat.lastAssistant().root).toContainText(`Crash ${uid} w0 w1 w2`);
  const id = await chat.conversationId();

  // Kill only once the server has flushed part of the answer to the database.
  await expect(async () => {
    const answer = (await conversation(id)).messages.at(-1);
    expect(answer?.metadata?.status).toBe("streaming");
    expect(answer ? textOf(answer) : "").toMatch(new RegExp(`^Crash ${uid} w0`));
  }).toPass({ timeout: 20_000 });

  const killed = server as ChildProcess;
  await stopChild(killed, "SIGKILL");
  expect(killed.signalCode).toBe("SIGKILL");

  server = await startServer();

  // The restarted server recognises the answer of the dead process and marks it, keeping its text.
  let stored: ApiConversation | undefined;
  await expect(async () => {
    stored = await conversation(id);
    expect(stored.messages.at(-1)?.metadata?.status).not.toBe("streaming");
  }).toPass({ timeout: 20_000 });
  const [user, answer] = stored?.messages ?? [];
  expect(stored?.messages).toHaveLength(2);
  expect(user?.role).toBe("user");
  expect(user ? textOf(user) : "").toBe(question);
  expect(answer?.metadata).toMatchObject({ status: "error", error: { code: "interrupted" } });
  const partial = answer ? textOf(answer) : "";
  expect(partial).toMatch(new RegExp(`^Crash ${uid} w0 w1 w2`));
  expect(partial).not.toContain(`FINAL${uid}`);

  // The page shows the partial answer with a readable note and Retry.
  await chat.reload();
  const interrupted = chat.lastAssistant();
  await expect(interrupted.root).toContainText(`Crash ${uid} w0 w1 w2`);
  await expect(interrupted.root.getByRole("alert")).toContainText(
    "The server stopped while this answer was streaming.",
  );
  await expect(interrupted.retryButton).toBeVisible();

  // And the conversation goes on.
  await chat.send(fake.message(`Still there ${uid}?`));
  await chat.waitForIdle(30_000);
  await expect(chat.lastAssistant().root).toContainText(`Recovered ${uid}.`);
  const after = await conversation(id);
  expect(after.messages.map((m) => [m.role, m.metadata?.status ?? "complete"])).toEqual([
    ["user", "complete"],
    ["assistant", "error"],
    ["user", "complete"],
    ["assistant", "complete"],
  ]);
  expect(textOf(after.messages[1])).toBe(partial);
});
