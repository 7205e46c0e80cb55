/**
 * Markdown written by a model, made safe to open in any Markdown viewer: the export must not fetch
 * what the app itself would not. Images become links ("![a](u)" → "[Image: a](u)") and raw HTML becomes
 * text, as the app shows it; code blocks and code spans are left exactly as they were.
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** `<` that would open an HTML tag, comment, declaration or processing instruction */
const TAG_START = /<(?=[A-Za-z/!?])/g;
/** `<https://…>` and `<a@b.c>` autolinks are links, not HTML: they stay. */
const AUTOLINK =
  /^<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+)>/;

/** `![` not escaped by an odd number of backslashes: an image opener, made a link opener. */
const IMAGE_OPEN = /(?<!(?:^|[^\\])(?:\\\\)*\\)!\[/g;

function inertText(text: string): string {
  let out = "";
  let at = 0;
  for (const m of text.matchAll(TAG_START)) {
    const i = m.index;
    if (i < at) continue;
    const auto = AUTOLINK.exec(text.slice(i));
    if (auto) {
      out += text.slice(at, i + auto[0].length);
      at = i + auto[0].length;
      continue;
    }
    out += `${text.slice(at, i)}&lt;`;
    at = i + 1;
  }
  out += text.slice(at);
  return out.replace(IMAGE_OPEN, "[Image: ");
}

/** One line outside code blocks: code spans kept, the rest made inert. */
function inertLine(line: string): string {
  let out = "";
  let at = 0;
  const ticks = /`+/g;
  for (let m = ticks.exec(line); m; m = ticks.exec(line)) {
    const run = m[0];
    // The span closes at the next run of exactly as many backticks; without one it is plain text.
    const close = new RegExp(`(?<!\`)${run}(?!\`)`, "g");
    close.lastIndex = m.index + run.length;
    const end = close.exec(line);
    if (!end) continue;
    out += inertText(line.slice(at, m.index)) + line.slice(m.index, end.index + run.length);
    at = end.index + run.length;
    ticks.lastIndex = at;
  }
  return out + inertText(line.slice(at));
}

export function inertMarkdown(markdown: string): string {
  const lines = markdown.split("\n");
  let fence: string | undefined;
  let prevBlankOrCode = true;
  return lines
    .map((line) => {
      if (fence) {
        const close = FENCE.exec(line);
        if (
          close?.[1]?.[0] === fence[0] &&
          (close[1] as string).length >= fence.length &&
          !/\S/.test(line.slice(close[0].length))
        ) {
          fence = undefined;
          prevBlankOrCode = false;
        }
        return line;
      }
      const open = FENCE.exec(line);
      if (open) {
        fence = open[1];
        prevBlankOrCode = false;
        return line;
      }
      // An indented code block starts after a blank line (or continues one).
      const indented = /^( {4}|\t)/.test(line);
      if (indented && prevBlankOrCode) return line;
      prevBlankOrCode = line.trim() === "";
      return inertLine(line);
    })
    .join("\n");
}
