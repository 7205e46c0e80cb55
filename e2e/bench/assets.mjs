// Target 7: static assets. The app icon, the share page's Open Graph image and the fonts: their
// Cache-Control (immutable?) and whether they are files in public/.
import fs from "node:fs";
import path from "node:path";
import { postChat, row } from "./common.mjs";

const attr = (html, re) => [...html.matchAll(re)].map((m) => m[1].replaceAll("&amp;", "&"));

async function head(ctx, url) {
  const res = await fetch(new URL(url, ctx.base));
  await res.arrayBuffer();
  const pathname = new URL(url, ctx.base).pathname;
  return {
    url: pathname,
    status: res.status,
    cacheControl: res.headers.get("cache-control") ?? "",
    inPublic: fs.existsSync(path.join(ctx.root, "public", decodeURIComponent(pathname))),
  };
}

export async function assets(ctx) {
  const home = await (await fetch(`${ctx.base}/`)).text();
  const icons = attr(home, /<link[^>]+rel="(?:icon|apple-touch-icon|shortcut icon)"[^>]*href="([^"]+)"/g);
  const css = attr(home, /<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g);
  // A font URL may carry a version query (public/ files do, lib/static-assets.ts): it is kept, since the
  // immutable caching is served for that exact URL.
  const fonts = new Set(attr(home, /<link[^>]+rel="preload"[^>]*href="([^"]+\.woff2(?:\?[^"]*)?)"/g));
  for (const href of css) {
    const cssUrl = new URL(href, ctx.base);
    const text = await (await fetch(cssUrl)).text();
    // url() in a stylesheet is relative to the stylesheet.
    for (const m of text.matchAll(/url\(["']?([^)"']+\.woff2(?:\?[^)"']*)?)["']?\)/g)) {
      const url = new URL(m[1], cssUrl);
      fonts.add(url.pathname + url.search);
    }
  }
  const chat = await postChat(ctx.base, "An answer to share.");
  const share = await fetch(`${ctx.base}/api/conversations/${chat.conversationId}/share`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  const { token } = await share.json();
  const sharePage = await (await fetch(`${ctx.base}/share/${token}`)).text();
  const og = attr(sharePage, /<meta[^>]+property="og:image"[^>]*content="([^"]+)"/g);
  const groups = [
    ["app icon", icons],
    ["Open Graph image (share page)", og],
    ["fonts", [...fonts]],
  ];
  const rows = [];
  const details = {};
  for (const [name, urls] of groups) {
    const checked = [];
    for (const u of urls) checked.push(await head(ctx, u));
    details[name] = checked;
    if (checked.length === 0) {
      rows.push(
        row(`${name}: Cache-Control`, "none found", { target: "immutable, from public/", pass: false }),
      );
      continue;
    }
    const immutable = checked.every((c) => c.status === 200 && /immutable/.test(c.cacheControl));
    const fromPublic = checked.every((c) => c.inPublic);
    rows.push(
      row(`${name}: Cache-Control`, `${checked[0].cacheControl || "(none)"} (${checked.length} files)`, {
        target: "immutable",
        pass: immutable,
      }),
      row(`${name}: served from public/`, fromPublic ? "yes" : "no", { target: "yes", pass: fromPublic }),
    );
  }
  return { rows, details };
}
