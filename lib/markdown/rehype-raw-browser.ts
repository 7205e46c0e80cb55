/*
 * What browser bundles get for `rehype-raw` (next.config.ts, turbopack.resolveAlias with the `browser`
 * condition; the server keeps the real package). Streamdown imports it at its top for its default plugin
 * list, and with it parse5 and its entity tables: the Markdown renderer's main chunk was 464 kB (134 kB
 * gzip) with them, 288 kB (87 kB gzip) without. That chunk is evaluated in one task when the renderer
 * first loads (Turbopack hoists the renderer's dependencies into one module, which V8 compiles as one
 * function), during a first send when the message is sent at once. Our renderer never parses raw HTML
 * (components/chat/markdown.tsx shows it as text and passes its own plugin list, without this one); should
 * a plugin list ever include it, rendering fails loudly rather than showing the HTML unparsed.
 */
export default function rehypeRaw(): never {
  throw new Error("rehype-raw is not in the browser bundle: raw HTML in Markdown is shown as text");
}
