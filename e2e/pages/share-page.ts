import { expect, type Locator, type Page } from "@playwright/test";
import { AssistantMessage } from "./chat-page";

/** The "Share" dialog of a conversation (or comparison) header, driven by the accessible names. */
export class ShareDialog {
  readonly page: Page;
  readonly root: Locator;
  readonly createButton: Locator;
  readonly copyButton: Locator;
  readonly updateButton: Locator;
  readonly revokeButton: Locator;
  /** the link, shown as text */
  readonly link: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByRole("dialog");
    this.createButton = this.root.getByRole("button", { name: "Create link", exact: true });
    this.copyButton = this.root.getByRole("button", { name: "Copy link", exact: true });
    this.updateButton = this.root.getByRole("button", { name: "Update link", exact: true });
    this.revokeButton = this.root.getByRole("button", { name: "Revoke", exact: true });
    this.link = this.root.getByText(/\/share\//);
  }

  async open() {
    await this.page.getByRole("button", { name: "Share", exact: true }).click();
    await expect(this.root).toBeVisible();
  }

  async close() {
    await this.page.keyboard.press("Escape");
    await expect(this.root).toBeHidden();
  }

  /** The link currently shown (an absolute URL ending in /share/<token>). */
  async url(): Promise<string> {
    const text = (await this.link.textContent())?.trim() ?? "";
    expect(text).toMatch(/^https?:\/\/[^/]+\/share\/[A-Za-z0-9_-]{22,}$/);
    return text;
  }

  /** Create a link (optionally with an expiry option's label, e.g. "7 days") and return its URL. */
  async create(expiry?: string): Promise<string> {
    if (expiry) await this.root.getByRole("combobox").selectOption({ label: expiry });
    await this.createButton.click();
    await expect(this.link).toBeVisible();
    return this.url();
  }

  /** Revoke: one click in the dialog. */
  async revoke() {
    await this.revokeButton.click();
    await expect(this.root.getByText("Revoked", { exact: true })).toBeVisible();
  }
}

/** A public share page (/share/<token>) as a visitor sees it. */
export class SharedPage {
  readonly page: Page;
  readonly userArticles: Locator;
  readonly assistantArticles: Locator;
  readonly composer: Locator;

  constructor(page: Page) {
    this.page = page;
    this.userArticles = page.getByRole("article", { name: /^User/ });
    this.assistantArticles = page.getByRole("article", { name: /^Assistant/ });
    this.composer = page.getByRole("textbox", { name: "Message", exact: true });
  }

  /** Open the page and return the HTTP status of the document. */
  async goto(url: string): Promise<number> {
    const res = await this.page.goto(url);
    if (!res) throw new Error(`no response for ${url}`);
    return res.status();
  }

  assistant(index: number): AssistantMessage {
    return new AssistantMessage(this.assistantArticles.nth(index));
  }
}
