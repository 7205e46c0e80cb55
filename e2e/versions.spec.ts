import { textOf } from "./app-api";
import { expect, test } from "./fixtures";
import { ShareDialog, SharedPage } from "./pages/share-page";

const userTexts = (messages: { content: unknown }[]) =>
  messages.map((m) => (typeof m.content === "string" ? m.content : ""));

test.describe("versions instead of loss", () => {
  test("Regenerate keeps the earlier answer as a version: browse, reload, share", async ({
    browser,
    chat,
    fake,
    page,
    uid,
  }) => {
    await fake.script([{ answer: `Alpha answer ${uid}.` }, { answer: `Beta answer ${uid}.` }]);
    await chat.goto();
    await chat.send(fake.message(`Pick a letter ${uid}`));
    await chat.waitForIdle();
    const answer = chat.lastAssistant();
    await expect(answer.root).toContainText(`Alpha answer ${uid}.`);
    // One version: no version buttons.
    await expect(answer.root.getByRole("button", { name: "Previous version" })).toHaveCount(0);

    await answer.regenerateButton.click();
    await chat.waitForIdle();
    await expect(answer.root).toContainText(`Beta answer ${uid}.`);
    const versions = answer.root.getByRole("group", { name: "Versions" });
    await expect(versions).toContainText("2/2");
    // The regenerated request does not carry the earlier answer.
    const [, second] = await fake.expectChatRequests(2);
    expect(second.body.messages?.map((m) => m.role)).toEqual(["user"]);

    await versions.getByRole("button", { name: "Previous version" }).click();
    await expect(answer.root).toContainText(`Alpha answer ${uid}.`);
    await expect(versions).toContainText("1/2");
    await expect(versions.getByRole("button", { name: "Previous version" })).toBeDisabled();

    // The choice is stored: a reload shows the same version.
    await chat.reload();
    const reloaded = chat.lastAssistant();
    await expect(reloaded.root).toContainText(`Alpha answer ${uid}.`);
    await expect(reloaded.root.getByRole("group", { name: "Versions" })).toContainText("1/2");

    // A share link shows the selected version only.
    const dialog = new ShareDialog(page);
    await dialog.open();
    const url = await dialog.create();
    await dialog.close();
    const visitor = await browser.newContext();
    const shared = new SharedPage(await visitor.newPage());
    expect(await shared.goto(url)).toBe(200);
    await expect(shared.assistant(0).root).toContainText(`Alpha answer ${uid}.`);
    await expect(shared.page.getByText(`Beta answer ${uid}.`)).toHaveCount(0);
    await visitor.close();

    await reloaded.root.getByRole("button", { name: "Next version" }).click();
    await expect(reloaded.root).toContainText(`Beta answer ${uid}.`);
    await expect(reloaded.root.getByRole("group", { name: "Versions" })).toContainText("2/2");

    // Deleting is the user's explicit choice, asked first; the other version is shown in its place.
    await reloaded.root.getByRole("button", { name: "Delete version" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete this version?" });
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(reloaded.root).toContainText(`Beta answer ${uid}.`);
    await reloaded.root.getByRole("button", { name: "Delete version" }).click();
    await confirm.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(confirm).toBeHidden();
    await expect(reloaded.root).toContainText(`Alpha answer ${uid}.`);
    await expect(reloaded.root.getByRole("group", { name: "Versions" })).toHaveCount(0);
    await chat.reload();
    await expect(chat.lastAssistant().root).toContainText(`Alpha answer ${uid}.`);
    await expect(page.getByText(`Beta answer ${uid}.`)).toHaveCount(0);
  });

  test("edit-and-resend keeps the earlier branch: the prompt's earlier version brings back what followed it", async ({
    chat,
    fake,
    api,
    request,
    uid,
  }) => {
    await fake.script([
      { answer: `Answer one ${uid}.` },
      { answer: `Answer two ${uid}.` },
      { answer: `Answer edited ${uid}.` },
    ]);
    const first = fake.message(`First question ${uid}`);
    const second = fake.message(`Second question ${uid}`);
    const edited = fake.message(`Edited question ${uid}`);
    await chat.goto();
    await chat.send(first);
    await chat.waitForIdle();
    await chat.send(second);
    await chat.waitForIdle();
    await expect(chat.lastAssistant().root).toContainText(`Answer two ${uid}.`);

    await chat.editAndResend(first, edited);
    await chat.waitForIdle();
    await expect(chat.lastAssistant().root).toContainText(`Answer edited ${uid}.`);
    await expect(chat.userArticles).toHaveCount(1);
    await expect(chat.userMessage(second).root).toHaveCount(0);
    const [, , third] = await fake.expectChatRequests(3);
    expect(userTexts(third.body.messages ?? []).filter((t) => t.includes(uid))).toEqual([edited]);

    const prompt = chat.userMessage(edited).root;
    const versions = prompt.getByRole("group", { name: "Versions" });
    await expect(versions).toContainText("2/2");
    await versions.getByRole("button", { name: "Previous version" }).click();
    // The earlier prompt, with everything that followed it.
    await expect(chat.userMessage(second).root).toBeVisible();
    await expect(chat.userArticles).toHaveCount(2);
    await expect(chat.lastAssistant().root).toContainText(`Answer two ${uid}.`);
    await expect(chat.userMessage(first).root.getByRole("group", { name: "Versions" })).toContainText("1/2");

    const id = await chat.conversationId();
    await chat.reload();
    await expect(chat.userMessage(second).root).toBeVisible();
    await expect(chat.lastAssistant().root).toContainText(`Answer two ${uid}.`);

    // Nothing was lost: the export holds the shown branch and the other version.
    const conv = await api.settledConversation(id);
    expect(conv.messages.map(textOf)).toEqual([first, `Answer one ${uid}.`, second, `Answer two ${uid}.`]);
    const exported = await (await request.get(`/api/conversations/${id}/export?format=json`)).json();
    expect(exported.conversation.versions.map((v: { content: string }) => v.content)).toEqual([
      edited,
      `Answer edited ${uid}.`,
    ]);
  });
});

test("a comparison column keeps its regenerated answer's earlier version, browsable on the last answer", async ({
  compare,
  fake,
  uid,
}) => {
  await fake.script([{ answer: `One ${uid}.` }, { answer: `Two ${uid}.` }, { answer: `Three ${uid}.` }]);
  await compare.goto();
  await compare.send(fake.message(`Columns ${uid}`));
  await compare.waitForIdle();
  const column = compare.column(1);
  const answer = column.lastAssistant();
  await expect(answer.root).toContainText(new RegExp(`(One|Two) ${uid}\\.`));
  await answer.regenerateButton.click();
  await compare.waitForIdle();
  await expect(answer.root).toContainText(`Three ${uid}.`);
  const versions = answer.root.getByRole("group", { name: "Versions" });
  await expect(versions).toContainText("2/2");
  await versions.getByRole("button", { name: "Previous version" }).click();
  await expect(answer.root).toContainText(new RegExp(`(One|Two) ${uid}\\.`));
  await expect(answer.root).not.toContainText(`Three ${uid}.`);
  await expect(versions).toContainText("1/2");
  // The other column is untouched.
  await expect(compare.column(2).lastAssistant().root.getByRole("group", { name: "Versions" })).toHaveCount(
    0,
  );
});
