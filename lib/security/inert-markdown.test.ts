import { describe, expect, it } from "vitest";
import { inertMarkdown } from "./inert-markdown";

describe("inertMarkdown", () => {
  it("turns inline, reference and nested images into links", () => {
    expect(inertMarkdown("See ![chart](https://evil.invalid/x.png?d=1).")).toBe(
      "See [Image: chart](https://evil.invalid/x.png?d=1).",
    );
    expect(inertMarkdown("![a][ref]\n\n[ref]: https://evil.invalid/r.png")).toBe(
      "[Image: a][ref]\n\n[ref]: https://evil.invalid/r.png",
    );
    expect(inertMarkdown("[![badge](https://evil.invalid/b.svg)](https://example.com)")).toBe(
      "[[Image: badge](https://evil.invalid/b.svg)](https://example.com)",
    );
    expect(inertMarkdown("![![x](https://a.invalid/1)](https://b.invalid/2)")).not.toContain("![");
  });

  it("keeps an escaped image opener as the text it is", () => {
    expect(inertMarkdown("\\![not an image](x)")).toBe("\\![not an image](x)");
    expect(inertMarkdown("\\\\![an image](x)")).toBe("\\\\[Image: an image](x)");
  });

  it("shows raw HTML as text but keeps autolinks", () => {
    expect(inertMarkdown('<img src="https://evil.invalid/p.png" onerror="alert(1)">')).toBe(
      '&lt;img src="https://evil.invalid/p.png" onerror="alert(1)">',
    );
    expect(inertMarkdown("a <script>x</script> <!-- c --> b")).toBe(
      "a &lt;script>x&lt;/script> &lt;!-- c --> b",
    );
    expect(inertMarkdown("<https://example.com/a> and <me@example.com>")).toBe(
      "<https://example.com/a> and <me@example.com>",
    );
    expect(inertMarkdown("1 < 2 and a<b")).toBe("1 < 2 and a&lt;b");
  });

  it("leaves code blocks and code spans exactly as they are", () => {
    const md = [
      "```html",
      '<img src="https://evil.invalid/x.png">',
      "![x](https://evil.invalid/y.png)",
      "```",
      "",
      "    <b>indented code</b>",
      "",
      "Use `<img>` or ``![x](y)`` in text, then <b>bold</b>.",
      "~~~",
      "<i>tilde fence</i>",
      "~~~",
    ].join("\n");
    expect(inertMarkdown(md)).toBe(md.replace("then <b>bold</b>.", "then &lt;b>bold&lt;/b>."));
  });

  it("leaves ordinary Markdown alone", () => {
    const md =
      "# Title\n\n- **bold** and _it_\n- [link](https://example.com)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n$x^2$";
    expect(inertMarkdown(md)).toBe(md);
  });
});
