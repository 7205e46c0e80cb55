import type { Response } from "@playwright/test";
import { APP_URL, secretFragments } from "./env";
import { expect, test } from "./fixtures";

test("nothing the browser receives contains an API key or a provider base URL", async ({
  chat,
  fake,
  uid,
  page,
}) => {
  const seen: Array<Promise<[string, string]>> = [];
  const collect = (res: Response) => {
    if (!res.url().startsWith(APP_URL)) return;
    seen.push(
      res
        .body()
        .then((b): [string, string] => [res.url(), `${JSON.stringify(res.headers())}\n${b.toString("utf8")}`])
        .catch((): [string, string] => [res.url(), ""]), // redirects and aborted loads have no body
    );
  };
  page.on("response", collect);

  await fake.script([
    { reasoning: `Browser thoughts ${uid}.`, answer: `Browser answer ${uid}.` },
    { dropConnection: true },
  ]);
  await chat.goto();
  await chat.send(fake.message(`Browser secret check ${uid}`));
  await chat.waitForIdle();
  await expect(chat.lastAssistant().root).toContainText(`Browser answer ${uid}.`);
  await chat.send(fake.message(`Browser secret check two ${uid}`));
  await expect(chat.retryButton).toBeVisible();
  await chat.waitForIdle();
  await chat.reload();
  await expect(chat.assistantArticles).toHaveCount(2);

  page.off("response", collect);
  const bodies = await Promise.all(seen);
  expect(bodies.length).toBeGreaterThan(3);
  expect(bodies.some(([, text]) => text.includes(`Browser answer ${uid}.`))).toBe(true);
  for (const [url, text] of bodies) {
    for (const secret of secretFragments()) {
      expect(text.includes(secret), `${url} contains "${secret}"`).toBe(false);
    }
  }
  await expect(page.locator("body")).not.toContainText("SECRET");
});
