const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const INLINE_CODE = /(`+)[\s\S]*?\1/g;

function convertProse(text: string): string {
  return text
    .replace(/\\\[([\s\S]+?)\\\]/g, (_, body: string) => `\n$$\n${body.trim()}\n$$\n`)
    .replace(/\\\(([\s\S]+?)\\\)/g, (_, body: string) => `$${body.trim()}$`);
}

function convertOutsideInlineCode(text: string): string {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(INLINE_CODE)) {
    out += convertProse(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + convertProse(text.slice(last));
}

/**
 * Reasoning models write LaTeX as \( … \) and \[ … \], which the markdown math syntax does not know:
 * rewrite them to $…$ and $$…$$, leaving code blocks and inline code untouched.
 */
export function normalizeLatexDelimiters(markdown: string): string {
  if (!markdown.includes("\\(") && !markdown.includes("\\[")) return markdown;
  const lines = markdown.split("\n");
  const out: string[] = [];
  let prose: string[] = [];
  let fence: string | null = null;
  const flush = () => {
    if (prose.length) out.push(convertOutsideInlineCode(prose.join("\n")));
    prose = [];
  };
  for (const line of lines) {
    const m = FENCE.exec(line);
    if (fence) {
      out.push(line);
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length) fence = null;
    } else if (m) {
      flush();
      fence = m[1];
      out.push(line);
    } else {
      prose.push(line);
    }
  }
  flush();
  return out.join("\n");
}
