import { Fragment } from "react";
import { parseSnippet } from "@/lib/search/snippet";

/** Text from the search API with its matches marked: rendered as text and `<mark>`, never as HTML. */
export function Highlighted({ text }: { text: string }) {
  return parseSnippet(text).map((part, i) =>
    part.mark ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one string, in order, never reordered
      <mark key={i} className="rounded-[3px] bg-yellow-200 px-px text-foreground dark:bg-yellow-400/30">
        {part.text}
      </mark>
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: as above
      <Fragment key={i}>{part.text}</Fragment>
    ),
  );
}
