// Target 4: first-load JS of `/`, `/c/<id>` (a plain-text conversation: no code, no math) and
// `/share/<token>` in a fresh browser context: every script response's body gzipped here at level 9 and
// summed; whether KaTeX or Shiki code or the KaTeX CSS was loaded; whether a client chunk carries the AI SDK
// gateway or server-only code.
import zlib from "node:zlib";
import { postChat, row } from "./common.mjs";

// Strings found only in KaTeX's and Shiki's own code: Streamdown's chunks name them too (its `shikiTheme`
// prop, `katex` class names) and the app's CSS styles `.katex-display`, which a looser pattern took for them.
const SIGNS = {
  katex: /KaTeX parse error/,
  katexCss: /KaTeX_Main/,
  shiki: /ShikiError/,
  gateway: /AI_GATEWAY|ai-gateway|gateway\.ai\.vercel/,
  serverOnly: /better-sqlite3|drizzle-orm|cannot be imported from a Client Component|SQLITE_/,
};

async function load(ctx, url) {
  const page = await ctx.newPage();
  const scripts = [];
  const styles = [];
  page.on("response", (res) => {
    const type = res.request().resourceType();
    // A worker's scripts (importScripts, e.g. Shiki highlighting off the main thread) come as "other".
    const workerScript = type === "other" && new URL(res.url()).pathname.endsWith(".js");
    if (type === "script" || workerScript) scripts.push(res);
    else if (type === "stylesheet") styles.push(res);
  });
  await page.goto(url, { timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  const read = async (list) =>
    Promise.all(list.map(async (r) => ({ url: r.url(), body: await r.body().catch(() => Buffer.alloc(0)) })));
  const js = await read(scripts);
  const css = await read(styles);
  await page.close();
  const gz = (files) => files.reduce((n, f) => n + zlib.gzipSync(f.body, { level: 9 }).length, 0);
  const found = (re, files) => files.some((f) => re.test(f.url) || re.test(f.body.toString("utf8")));
  return {
    jsFiles: js.length,
    jsGzip: gz(js),
    cssGzip: gz(css),
    katex: found(SIGNS.katex, js) || found(SIGNS.katexCss, css),
    shiki: found(SIGNS.shiki, js),
    gateway: found(SIGNS.gateway, js),
    serverOnly: found(SIGNS.serverOnly, js),
  };
}

export async function bundle(ctx) {
  const chat = await postChat(ctx.base, "Just plain words, please.");
  const share = await fetch(`${ctx.base}/api/conversations/${chat.conversationId}/share`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  if (share.status !== 201) throw new Error(`share → ${share.status}: ${(await share.text()).slice(0, 300)}`);
  const { token } = await share.json();
  const pages = [
    ["/", `${ctx.base}/`, 250],
    ["/c/<id>", `${ctx.base}/c/${chat.conversationId}`, 250],
    ["/share/<token>", `${ctx.base}/share/${token}`, 200],
  ];
  const rows = [];
  const details = {};
  for (const [name, url, limit] of pages) {
    const r = await load(ctx, url);
    details[name] = r;
    const kB = Math.round(r.jsGzip / 1024);
    rows.push(
      row(`${name}: first-load JS (gzip -9)`, kB, {
        unit: `kB in ${r.jsFiles} files`,
        target: `≤ ${limit} kB`,
        pass: kB <= limit,
      }),
      row(
        `${name}: KaTeX / Shiki loaded with no math or code`,
        `${r.katex ? "KaTeX" : "-"} / ${r.shiki ? "Shiki" : "-"}`,
        {
          target: "- / -",
          pass: !r.katex && !r.shiki,
        },
      ),
      row(
        `${name}: AI SDK gateway / server-only code in client JS`,
        `${r.gateway ? "gateway" : "-"} / ${r.serverOnly ? "server" : "-"}`,
        {
          target: "- / -",
          pass: !r.gateway && !r.serverOnly,
        },
      ),
    );
  }
  return { rows, details };
}
