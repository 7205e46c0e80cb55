/**
 * Markers around matched words in the snippets and titles the search API returns (private-use characters:
 * text a model or a user wrote is shown as text, and a marker never needs escaping in JSON or HTML).
 */
export const MARK_START = "\uE000";
export const MARK_END = "\uE001";

export interface SnippetPart {
  text: string;
  mark: boolean;
}

/**
 * Split a marked snippet into plain and highlighted parts, for React to render as text and `<mark>`.
 * Stored text could itself hold a marker character (it is untrusted): a marker out of place only ends or
 * starts a highlight, and marker characters never reach the text.
 */
export function parseSnippet(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let mark = false;
  let text = "";
  const flush = () => {
    if (!text) return;
    const last = parts.at(-1);
    if (last && last.mark === mark) last.text += text;
    else parts.push({ text, mark });
    text = "";
  };
  for (const ch of marked) {
    if (ch === MARK_START || ch === MARK_END) {
      flush();
      mark = ch === MARK_START;
    } else text += ch;
  }
  flush();
  return parts;
}
