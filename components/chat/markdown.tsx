"use client";

import {
  memo,
  useContext,
  useDeferredValue,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from "react";
import {
  Block,
  type BlockProps,
  type Components,
  type ControlsConfig,
  defaultRehypePlugins,
  defaultRemarkPlugins,
  type PluginConfig,
  Streamdown,
  StreamdownContext,
  type UrlTransform,
} from "streamdown";
import { createBlockParser } from "@/lib/markdown/blocks";
import { safeMarkdownUrl } from "@/lib/security/untrusted-url";
import { cn } from "@/lib/utils";
import { MarkdownImage, MarkdownLink } from "./remote-image";

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

const BLOCK_PARENTS = new Set(["root", "blockquote", "listItem"]);

/** Turn raw HTML in the markdown into plain text, as its own paragraph when it stood as a block. */
function htmlAsText(node: MdNode): void {
  if (!node.children) return;
  node.children = node.children.map((child) => {
    if (child.type !== "html") {
      htmlAsText(child);
      return child;
    }
    const text = { type: "text", value: child.value ?? "" };
    return BLOCK_PARENTS.has(node.type) ? { type: "paragraph", children: [text] } : text;
  });
}

type SanitizeSchema = { protocols?: Record<string, string[] | undefined> } & Record<string, unknown>;
const [sanitize, sanitizeSchema] = defaultRehypePlugins.sanitize as [unknown, SanitizeSchema];
/** Streamdown's schema, with data: kept on image sources (safeMarkdownUrl lets through data images only). */
const sanitizeWithDataImages = [
  sanitize,
  {
    ...sanitizeSchema,
    protocols: { ...sanitizeSchema.protocols, src: [...(sanitizeSchema.protocols?.src ?? []), "data"] },
  },
];

/**
 * Model output is untrusted: raw HTML is shown as the text it is (never parsed, so Streamdown's
 * rehype-raw step is left out), sanitize + harden still run as a second line of defence, KaTeX keeps
 * its default `trust: false` (no \href, \url or \includegraphics), and images and links get
 * components that request nothing by themselves (remote-image.tsx).
 */
const remarkPlugins = [...Object.values(defaultRemarkPlugins), () => htmlAsText];
const rehypePlugins = [sanitizeWithDataImages, defaultRehypePlugins.harden] as NonNullable<
  Parameters<typeof Streamdown>[0]["rehypePlugins"]
>;

const safeUrl: UrlTransform = (url, key) => safeMarkdownUrl(url, key);

const components: Components = { a: MarkdownLink, img: MarkdownImage };
const controls: ControlsConfig = { code: { copy: true, download: false }, table: true, image: false };

/**
 * Streamdown tells code blocks and tables whether the text is still streaming (their copy and download
 * buttons wait for the end) through one context, so when an answer ends every one of them re-renders
 * at once. A block is complete once the next one starts, except a code block still open at the end:
 * every other block is told "not streaming" from the start and sees no change when the answer ends.
 *
 * Streamdown lays out every block of the text on each update; memoized on its props (the block's text
 * and index, and the page-wide plugins), a finished block costs an update one props comparison, so an
 * update costs the growing last block, not the thousand blocks above it.
 */
const SettledBlock = memo(function SettledBlock(props: BlockProps) {
  const context = useContext(StreamdownContext);
  const settled = useMemo(
    () => ({
      codeBlockMaxHeight: context.codeBlockMaxHeight,
      controls: context.controls,
      isAnimating: false,
      lineNumbers: context.lineNumbers,
      linkSafety: context.linkSafety,
      mermaid: context.mermaid,
      mode: context.mode,
      portal: context.portal,
      shikiTheme: context.shikiTheme,
      tableMaxHeight: context.tableMaxHeight,
    }),
    [
      context.codeBlockMaxHeight,
      context.controls,
      context.lineNumbers,
      context.linkSafety,
      context.mermaid,
      context.mode,
      context.portal,
      context.shikiTheme,
      context.tableMaxHeight,
    ],
  );
  // A block without math keeps the plugins it had before KaTeX arrived: when it does arrive (the first
  // formula may come thousands of tokens into an answer), only the blocks with math render again.
  const withMath = hasMath(props.content);
  return (
    <StreamdownContext.Provider value={props.isIncomplete ? context : settled}>
      <Block
        {...props}
        remarkPlugins={withMath ? props.remarkPlugins : remarkPlugins}
        rehypePlugins={withMath ? props.rehypePlugins : rehypePlugins}
      />
    </StreamdownContext.Provider>
  );
});

/*
 * Shiki (@streamdown/code) and KaTeX (@streamdown/math and its CSS) are most of the markdown
 * renderer's weight: they are imported the first time a text on the page has a code fence or math,
 * once for the page; the blocks that need one re-render when it arrives.
 */
type Extra = "code" | "math";
const NOTHING_LOADED: Pick<PluginConfig, Extra> = {};
let loaded = NOTHING_LOADED;
const requested = new Set<Extra>();
const listeners = new Set<() => void>();

function requestPlugin(kind: Extra): void {
  if (requested.has(kind)) return;
  requested.add(kind);
  const plugin =
    kind === "code"
      ? import("./markdown-code").then((m) => m.codePlugin)
      : import("./markdown-math").then((m) => m.mathPlugin);
  plugin.then(
    (p) => {
      loaded = { ...loaded, [kind]: p };
      for (const notify of listeners) notify();
    },
    () => requested.delete(kind), // a failed chunk load is tried again by the next text that needs it
  );
}

function subscribe(notify: () => void) {
  listeners.add(notify);
  return () => listeners.delete(notify);
}
const getLoaded = () => loaded;
const getNothingLoaded = () => NOTHING_LOADED;

/** One object per combination, so that Streamdown's props stay the same between updates. */
const pluginSets = new Map<string, PluginConfig>();
function pluginSet(code: PluginConfig["code"], math: PluginConfig["math"]): PluginConfig {
  const key = `${code ? "c" : ""}${math ? "m" : ""}`;
  let set = pluginSets.get(key);
  if (!set) {
    set = { ...(code && { code }), ...(math && { math }) };
    pluginSets.set(key, set);
  }
  return set;
}

const hasCodeFence = (text: string) => text.includes("```") || text.includes("~~~");
const hasMath = (text: string) => text.includes("$") || text.includes("\\(") || text.includes("\\[");

interface MarkdownProps {
  text: string;
  streaming?: boolean;
  className?: string;
}

/**
 * A streamed update renders at a lower priority than input: React renders it in slices of a few
 * milliseconds (the growing block's parse, KaTeX, the list of blocks), so a long answer does not hold the
 * main thread for a whole update, and a newer text replaces an update still being rendered.
 */
export const Markdown = memo(function Markdown({ text, streaming = false, className }: MarkdownProps) {
  const shownText = useDeferredValue(text);
  const shownStreaming = useDeferredValue(streaming);
  return <MarkdownBody text={shownText} streaming={shownStreaming} className={className} />;
});

const MarkdownBody = memo(function MarkdownBody({ text, streaming = false, className }: MarkdownProps) {
  // Per instance: the splitter keeps the blocks this text has settled, and completes a half-written
  // last block itself (remend over the whole text per update is what parseIncompleteMarkdown costs).
  const [parseBlocks] = useState(createBlockParser);
  // Once seen, a need stays: the text only grows while it streams.
  const [needsCode, setNeedsCode] = useState(false);
  const [needsMath, setNeedsMath] = useState(false);
  const codeNow = needsCode || hasCodeFence(text);
  const mathNow = needsMath || hasMath(text);
  if (codeNow !== needsCode) setNeedsCode(codeNow);
  if (mathNow !== needsMath) setNeedsMath(mathNow);
  useEffect(() => {
    if (needsCode) requestPlugin("code");
    if (needsMath) requestPlugin("math");
  }, [needsCode, needsMath]);
  const available = useSyncExternalStore(subscribe, getLoaded, getNothingLoaded);
  const plugins = pluginSet(needsCode ? available.code : undefined, needsMath ? available.math : undefined);

  return (
    <Streamdown
      className={cn("markdown-blocks min-w-0 break-words", className)}
      plugins={plugins}
      remarkPlugins={remarkPlugins}
      rehypePlugins={rehypePlugins}
      parseIncompleteMarkdown={false}
      parseMarkdownIntoBlocksFn={parseBlocks}
      BlockComponent={SettledBlock}
      urlTransform={safeUrl}
      isAnimating={streaming}
      caret={streaming ? "block" : undefined}
      controls={controls}
      components={components}
    >
      {text}
    </Streamdown>
  );
});
