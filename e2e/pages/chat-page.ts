import { expect, type Locator, type Page } from "@playwright/test";

/** Labels of the parameter panel controls (ui-contract.md: "label text exactly"). */
export const PARAM_LABEL = {
  system: "System prompt",
  temperature: "Temperature",
  topP: "Top P",
  maxTokens: "Max tokens",
  frequencyPenalty: "Frequency penalty",
  presencePenalty: "Presence penalty",
  seed: "Seed",
  stop: "Stop sequences",
} as const;

export type PanelParam = keyof typeof PARAM_LABEL;
/** Values as typed in the panel; "" clears the control (= unset). */
export type PanelValues = Partial<Record<PanelParam, string>>;

/** One assistant message (an `<article aria-label="Assistant message">`). */
export class AssistantMessage {
  readonly root: Locator;
  readonly reasoningToggle: Locator;
  readonly retryButton: Locator;
  readonly regenerateButton: Locator;

  constructor(root: Locator) {
    this.root = root;
    this.reasoningToggle = root.getByRole("button", { name: /Reasoning/ });
    this.retryButton = root.getByRole("button", { name: "Retry", exact: true });
    this.regenerateButton = root.getByRole("button", { name: "Regenerate", exact: true });
  }

  async expectReasoningExpanded(expanded: boolean) {
    await expect(this.reasoningToggle).toHaveAttribute("aria-expanded", String(expanded));
  }

  /** Open the reasoning block if it is collapsed. */
  async openReasoning() {
    if ((await this.reasoningToggle.getAttribute("aria-expanded")) !== "true")
      await this.reasoningToggle.click();
    await this.expectReasoningExpanded(true);
  }
}

/** One user message (an `<article aria-label="User message">`). */
export class UserMessage {
  readonly root: Locator;
  readonly editButton: Locator;

  constructor(root: Locator) {
    this.root = root;
    this.editButton = root.getByRole("button", { name: "Edit", exact: true });
  }
}

/** The chat screen, driven only through the accessible names of ui-contract.md. */
export class ChatPage {
  readonly page: Page;
  readonly composer: Locator;
  readonly sendButton: Locator;
  readonly stopButton: Locator;
  readonly newChatButton: Locator;
  /** "Retry" on an errored assistant message (or a failed request); a fresh chat has at most one */
  readonly retryButton: Locator;
  readonly userArticles: Locator;
  readonly assistantArticles: Locator;
  readonly modelSelect: Locator;
  readonly editTextbox: Locator;
  readonly saveAndSendButton: Locator;

  constructor(page: Page) {
    this.page = page;
    this.composer = page.getByRole("textbox", { name: "Message", exact: true });
    this.sendButton = page.getByRole("button", { name: "Send", exact: true });
    this.stopButton = page.getByRole("button", { name: "Stop", exact: true });
    this.newChatButton = page.getByRole("button", { name: "New chat", exact: true }).first();
    this.retryButton = page.getByRole("button", { name: "Retry", exact: true });
    this.userArticles = page.getByRole("article", { name: /^User/ });
    this.assistantArticles = page.getByRole("article", { name: /^Assistant/ });
    this.modelSelect = page.getByLabel("Model", { exact: true });
    this.editTextbox = page.getByRole("textbox", { name: "Edit message", exact: true });
    this.saveAndSendButton = page.getByRole("button", { name: "Save & send", exact: true });
  }

  /** Open a page and wait until the client has loaded (hydrated, catalog fetched). */
  async goto(path = "/") {
    await this.page.goto(path);
    await expect(this.composer).toBeVisible();
    await this.page.waitForLoadState("networkidle");
  }

  async reload() {
    await this.page.reload();
    await expect(this.composer).toBeVisible();
    await this.page.waitForLoadState("networkidle");
  }

  param(name: PanelParam): Locator {
    return this.page.getByLabel(PARAM_LABEL[name], { exact: true });
  }

  async setParams(values: PanelValues) {
    for (const [name, value] of Object.entries(values) as [PanelParam, string][]) {
      await this.param(name).fill(value);
    }
  }

  async selectModel(providerId: string, modelId: string) {
    await this.modelSelect.selectOption(`${providerId}:${modelId}`);
    await expect(this.modelSelect).toHaveValue(`${providerId}:${modelId}`);
  }

  /** Type a message and press Send; waits until it shows as a user message. */
  async send(text: string) {
    await this.composer.fill(text);
    await expect(this.sendButton).toBeEnabled();
    await this.sendButton.click();
    await expect(this.userMessage(text).root).toBeVisible();
  }

  /** Wait until no answer is streaming (Stop gone, Send back). */
  async waitForIdle(timeout = 15_000) {
    await expect(this.stopButton).toBeHidden({ timeout });
    await expect(this.sendButton).toBeVisible();
  }

  /** The conversation id from the URL, once it became /c/<id>. */
  async conversationId(): Promise<string> {
    await expect(this.page).toHaveURL(/\/c\/[A-Za-z0-9_-]+$/);
    const id = new URL(this.page.url()).pathname.split("/").pop();
    if (!id) throw new Error(`no conversation id in ${this.page.url()}`);
    return id;
  }

  assistant(index: number): AssistantMessage {
    return new AssistantMessage(this.assistantArticles.nth(index));
  }

  lastAssistant(): AssistantMessage {
    return new AssistantMessage(this.assistantArticles.last());
  }

  /** The user message containing `text`. */
  userMessage(text: string): UserMessage {
    return new UserMessage(this.userArticles.filter({ hasText: text }));
  }

  /** The sidebar entry (a list item holding the link to /c/<id>, with its Rename and Delete actions). */
  sidebarItem(conversationId: string) {
    const link = this.page.locator(`a[href="/c/${conversationId}"]`);
    const item = this.page.getByRole("listitem").filter({ has: link });
    return {
      item,
      link,
      renameButton: item.getByRole("button", { name: "Rename", exact: true }),
      deleteButton: item.getByRole("button", { name: "Delete", exact: true }),
    };
  }

  /** Edit a user message in place and resend it. */
  async editAndResend(current: string, next: string) {
    await this.userMessage(current).editButton.click();
    await expect(this.editTextbox).toBeVisible();
    await this.editTextbox.fill(next);
    await this.saveAndSendButton.click();
  }
}
