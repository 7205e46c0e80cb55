"use client";

import {
  memo,
  startTransition,
  useContext,
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import { createRoot } from "react-dom/client";
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

function subscribe(notify: () => void): () => void {
  listeners.add(notify);
  return () => {
    listeners.delete(notify);
  };
}
const subscribeNothing = () => () => {};

/**
 * The plugins loaded so far. Their arrival re-renders the blocks that need them as a transition: React
 * renders them a few at a time between other work. (A store read with useSyncExternalStore re-renders
 * synchronously: KaTeX arriving while six comparison columns streamed rendered every formula on the page in
 * one task of seconds at 4× CPU throttling.) What the server rendered hydrates with none loaded, as the
 * server had none.
 */
function useLoadedPlugins(): Pick<PluginConfig, Extra> {
  const hydrating = useSyncExternalStore(
    subscribeNothing,
    () => false,
    () => true,
  );
  const [available, setAvailable] = useState(() => (hydrating ? NOTHING_LOADED : loaded));
  useEffect(() => {
    const update = () => startTransition(() => setAvailable(loaded));
    update();
    return subscribe(update);
  }, []);
  return available;
}

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

/** blocks at the end of a streaming text that stay fully rendered, at least (see useBlockClasses) */
const NEAR_BLOCKS = 32;
/** the blocks after which the caret shows (a code block or a table has none, as in Streamdown) */
const CARET_AFTER = new Set(["P", "H1", "H2", "H3", "H4", "H5", "H6", "UL", "OL", "BLOCKQUOTE"]);

function setClass(el: Element, name: string, on: boolean): void {
  if (el.classList.contains(name) !== on) el.classList.toggle(name, on);
}

/**
 * Classes set on the blocks of a text that streams, straight on their elements: each change restyles one
 * element, where a class or style on the blocks' container restyles every block under it.
 * - `content-visibility: auto` skips the layout and paint of blocks off screen, but newly applied to a
 *   block on screen (as CSS did to each block the moment the next one started) it makes the browser lay
 *   the frame out twice: the block starts skipped, is found on screen, and is laid out again with its
 *   whole subtree — in every frame of a long answer at 4× CPU throttling. While a text streams the property
 *   goes only on blocks NEAR_BLOCKS or more from the end (`md-far`), by then usually far above the
 *   viewport, so a block changes state once, off screen, in batches. (A positional selector, `:nth-last-child`, would
 *   restyle every block at each append.) Texts that never streamed keep the CSS rule (globals.css).
 * - The caret after the last block (`md-caret`): Streamdown's puts a class and a custom property on the
 *   container, so the end of an answer restyled all of its blocks at once.
 */
function useBlockClasses(live: boolean, streaming: boolean) {
  const ref = useRef<HTMLDivElement>(null);
  const caretOn = useRef<Element | null>(null);
  useLayoutEffect(() => {
    const blocks = live ? ref.current?.firstElementChild?.children : undefined;
    if (!blocks) return;
    // Whole batches of NEAR_BLOCKS: each block newly given the property costs the frame a second style and
    // layout pass, so they are given it together, once per batch, not one or two in every frame.
    const far = Math.floor((blocks.length - NEAR_BLOCKS) / NEAR_BLOCKS) * NEAR_BLOCKS;
    for (let i = 0; i < blocks.length; i++) setClass(blocks[i], "md-far", i < far);
    const last = blocks[blocks.length - 1];
    const caret = streaming && last && CARET_AFTER.has(last.tagName) ? last : null;
    if (caretOn.current !== caret) caretOn.current?.classList.remove("md-caret");
    caretOn.current = caret;
    // (again each time: a re-render that changes the element's class attribute drops ours)
    if (caret) setClass(caret, "md-caret", true);
  });
  return ref;
}

const MarkdownBody = memo(function MarkdownBody({ text, streaming = false, className }: MarkdownProps) {
  // A text that streamed while mounted keeps its blocks' content-visibility in JS (useBlockClasses) after it
  // ends, so that the end of an answer does not switch the blocks on screen to the CSS rule at once.
  const [live] = useState(streaming);
  const wrapper = useBlockClasses(live, streaming);
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
  const available = useLoadedPlugins();
  const plugins = pluginSet(needsCode ? available.code : undefined, needsMath ? available.math : undefined);

  return (
    <div ref={wrapper}>
      <Streamdown
        className={cn(live ? "markdown-blocks-live" : "markdown-blocks", "min-w-0 break-words", className)}
        plugins={plugins}
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        parseIncompleteMarkdown={false}
        parseMarkdownIntoBlocksFn={parseBlocks}
        BlockComponent={SettledBlock}
        urlTransform={safeUrl}
        isAnimating={streaming}
        controls={controls}
        components={components}
      >
        {text}
      </Streamdown>
    </div>
  );
});

/*
 * The first text rendered through Streamdown pays for code that runs for the first time: V8 compiles the
 * parsers' functions and regular expressions (marked's block rules, micromark's constructs, the mdast and
 * hast steps) and Streamdown builds its unified processor — 25–45 ms in one task, the first answer's first
 * render, on a 2-core machine (a warm render of a short answer takes a few). Once the renderer has loaded,
 * a short text with the common constructs (no code fence nor math: those would fetch Shiki or KaTeX) is
 * rendered off screen as a transition, so React renders it a block at a time between other work, and the
 * first answer finds the code compiled and the processor cached (Streamdown keeps processors by plugin list).
 */
const WARM_UP_TEXT = [
  "A paragraph with **strong**, *emphasis*, `code`, ~~struck~~ and a [link](#warm-up).",
  "## A heading",
  "- a list item\n- [x] a task",
  "1. an ordered item",
  "> a quote",
  "| a | b |\n| --- | ---: |\n| 1 | 2 |",
  "A last paragraph",
].join("\n\n");

function WarmUp({ onRendered }: { onRendered: () => void }) {
  useEffect(() => onRendered(), [onRendered]);
  return <MarkdownBody text={WARM_UP_TEXT} streaming />;
}

let warmedUp = false;
/** Renders a sample text once, off screen and at low priority, so that the first answer's render is warm. */
export function warmUpMarkdown(): void {
  if (warmedUp || typeof document === "undefined") return;
  warmedUp = true;
  const root = createRoot(document.createElement("div"));
  let unmounted = false;
  const unmount = () => {
    if (unmounted) return;
    unmounted = true;
    // (outside React's own work: a root cannot be unmounted from its effects)
    setTimeout(() => root.unmount());
  };
  startTransition(() => root.render(<WarmUp onRendered={unmount} />));
}
