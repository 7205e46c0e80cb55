import { randomBytes } from "node:crypto";
import { test as base, expect } from "@playwright/test";
import { AppApi } from "./app-api";
import { FAKE_URL } from "./env";
import {
  type ChatRequestBody,
  FakeProviderClient,
  markerFor,
  type RecordedRequest,
  type Scenario,
} from "./fake-provider/client";
import { ChatPage } from "./pages/chat-page";
import { ComparePage } from "./pages/compare-page";

export const fakeProvider = new FakeProviderClient(FAKE_URL);

/** A recorded chat-completion request (its JSON body parsed). */
export type SentRequest = RecordedRequest & { body: ChatRequestBody };

/** items[index] (negative counts from the end), failing the test when there is no such item. */
export function nth<T>(items: readonly T[], index: number): T {
  const item = items.at(index);
  if (item === undefined) throw new Error(`expected an item at index ${index}, got ${items.length} item(s)`);
  return item;
}

/** The fake provider as one test sees it: its own script id, so parallel workers never collide. */
export class FakeScript {
  readonly client: FakeProviderClient;
  readonly id: string;
  /** `[[fake:<id>]]`: put it in a user message to make the fake provider play this test's script */
  readonly marker: string;

  constructor(client: FakeProviderClient, id: string) {
    this.client = client;
    this.id = id;
    this.marker = markerFor(id);
  }

  /** Play this scenario for every request of this test (or one step per successive request). */
  async script(scenario: Scenario | Scenario[]): Promise<void> {
    await this.client.register(this.id, scenario);
  }

  /** A message that selects this test's script: `<words> [[fake:<id>]]`. */
  message(words: string): string {
    return `${words} ${this.marker}`;
  }

  /** Every request recorded for this script (models requests carry no marker and are not included). */
  requests(): Promise<RecordedRequest[]> {
    return this.client.requests({ script: this.id });
  }

  /** The chat-completion requests of this script, oldest first. */
  async chatRequests(): Promise<RecordedRequest[]> {
    return (await this.requests()).filter((r) => r.method === "POST" && r.path.endsWith("/chat/completions"));
  }

  /** Wait until exactly `count` chat requests were recorded, and return them. */
  async expectChatRequests(count: number): Promise<SentRequest[]> {
    let list: RecordedRequest[] = [];
    await expect(async () => {
      list = await this.chatRequests();
      expect(list).toHaveLength(count);
    }).toPass({ timeout: 10_000 });
    return list.map((r) => {
      if (r.body === null) throw new Error(`request #${r.seq} to ${r.path} had no JSON body`);
      return { ...r, body: r.body };
    });
  }
}

interface Fixtures {
  /** a unique token for this test's texts */
  uid: string;
  fake: FakeScript;
  chat: ChatPage;
  compare: ComparePage;
  api: AppApi;
}

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies by destructuring
  uid: async ({}, use, testInfo) => {
    await use(`w${testInfo.parallelIndex}${Date.now().toString(36)}${randomBytes(3).toString("hex")}`);
  },
  fake: async ({ uid }, use) => {
    const script = new FakeScript(fakeProvider, `t-${uid}`);
    await use(script);
    await fakeProvider.unregister(script.id);
  },
  chat: async ({ page }, use) => {
    await use(new ChatPage(page));
  },
  compare: async ({ page }, use) => {
    await use(new ComparePage(page));
  },
  api: async ({ request }, use) => {
    await use(new AppApi(request));
  },
});

export { expect };
