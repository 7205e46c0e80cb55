import type { Response } from "@playwright/test";
import { APP_URL, FAKE_KEYS, keyTail, secretFragments } from "./env";
import { providerErrors } from "./fake-provider/client";
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
    // DeepSeek's 401 shows the last 4 characters of the key it was given; the app must not pass them on.
    providerErrors.auth401("Authentication Fails, Your api key: ****{keyTail} is invalid"),
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
  await expect(page.getByText("Authentication Fails").first()).toBeVisible();
  await expect(page.locator("body")).not.toContainText(keyTail(FAKE_KEYS.aimlapi));
});
