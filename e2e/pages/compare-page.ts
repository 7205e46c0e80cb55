import { expect, type Locator, type Page } from "@playwright/test";
import { AssistantMessage, PARAM_LABEL, type PanelParam, type PanelValues } from "./chat-page";

/** One column of a comparison: a region "Column N" with its own parameter controls and history. */
export class CompareColumn {
  readonly root: Locator;
  readonly modelSelect: Locator;
  readonly userArticles: Locator;
  readonly assistantArticles: Locator;
  readonly stopButton: Locator;
  readonly retryButton: Locator;
  readonly removeButton: Locator;
  readonly duplicateButton: Locator;
  readonly continueButton: Locator;

  constructor(root: Locator) {
    this.root = root;
    this.modelSelect = root.getByLabel("Model", { exact: true });
    this.userArticles = root.getByRole("article", { name: /^User/ });
    this.assistantArticles = root.getByRole("article", { name: /^Assistant/ });
    this.stopButton = root.getByRole("button", { name: "Stop", exact: true });
    this.retryButton = root.getByRole("button", { name: "Retry", exact: true });
    this.removeButton = root.getByRole("button", { name: "Remove column", exact: true });
    this.duplicateButton = root.getByRole("button", { name: "Duplicate column", exact: true });
    this.continueButton = root.getByRole("button", { name: "Continue as chat", exact: true });
  }

  param(name: PanelParam): Locator {
    return this.root.getByLabel(PARAM_LABEL[name], { exact: true });
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

  lastAssistant(): AssistantMessage {
    return new AssistantMessage(this.assistantArticles.last());
  }
}

/** The comparison screen (/compare, /compare/<id>), driven through accessible names only. */
export class ComparePage {
  readonly page: Page;
  readonly composer: Locator;
  readonly sendButton: Locator;
  readonly stopAllButton: Locator;
  readonly addColumnButton: Locator;
  readonly sweepButton: Locator;
  readonly diffButton: Locator;
  readonly columns: Locator;

  constructor(page: Page) {
    this.page = page;
    this.composer = page.getByRole("textbox", { name: "Message", exact: true });
    this.sendButton = page.getByRole("button", { name: "Send", exact: true });
    this.stopAllButton = page.getByRole("button", { name: "Stop all", exact: true });
    this.addColumnButton = page.getByRole("button", { name: "Add column", exact: true });
    this.sweepButton = page.getByRole("button", { name: "Sweep", exact: true });
    this.diffButton = page.getByRole("button", { name: "Diff", exact: true });
    this.columns = page.getByRole("region", { name: /^Column \d+$/ });
  }

  async goto(path = "/compare") {
    await this.page.goto(path);
    await expect(this.composer).toBeVisible();
    await this.page.waitForLoadState("networkidle");
  }

  async reload() {
    await this.page.reload();
    await expect(this.composer).toBeVisible();
    await this.page.waitForLoadState("networkidle");
  }

  /** Column `n`, counted from 1 as the page names them. */
  column(n: number): CompareColumn {
    return new CompareColumn(this.page.getByRole("region", { name: `Column ${n}`, exact: true }));
  }

  /** Add columns until there are `count`. */
  async setColumnCount(count: number) {
    for (let n = await this.columns.count(); n < count; n++) {
      await this.addColumnButton.click();
      await expect(this.columns).toHaveCount(n + 1);
    }
  }

  async send(text: string) {
    await this.composer.fill(text);
    await expect(this.sendButton).toBeEnabled();
    await this.sendButton.click();
  }

  /** Wait until no column is streaming. */
  async waitForIdle(timeout = 20_000) {
    await expect(this.stopAllButton).toBeHidden({ timeout });
    await expect(this.sendButton).toBeVisible();
  }

  /** The comparison id from the URL, once it became /compare/<id>. */
  async comparisonId(): Promise<string> {
    await expect(this.page).toHaveURL(/\/compare\/[A-Za-z0-9_-]+$/);
    const id = new URL(this.page.url()).pathname.split("/").pop();
    if (!id) throw new Error(`no comparison id in ${this.page.url()}`);
    return id;
  }

  /** Sweep one parameter over a list of values, through the Sweep dialog. */
  async sweep(parameter: string, values: string) {
    await this.sweepButton.click();
    const dialog = this.page.getByRole("dialog");
    await dialog.getByLabel("Parameter", { exact: true }).selectOption({ label: parameter });
    await dialog.getByLabel("Values, separated by commas").fill(values);
    await dialog.getByRole("button", { name: "Sweep", exact: true }).click();
    await expect(dialog).toBeHidden();
  }
}
