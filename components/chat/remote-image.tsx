"use client";

import { ExternalLink, ImageOff } from "lucide-react";
import {
  type ComponentProps,
  createContext,
  type MouseEvent,
  type ReactNode,
  useContext,
  useState,
} from "react";
import type { ExtraProps } from "streamdown";
import { Button } from "@/components/ui/button";
import { classifyImageSource } from "@/lib/security/untrusted-url";

/**
 * "click": a remote image loads when its owner clicks "Load image" (chat, compare).
 * "link": never loaded, only linked (share pages: a visitor is shown what the owner shared, and the
 * page must not become a beacon for whoever wrote the answer). Plain-http images, which the CSP would
 * block anyway, are linked in both.
 */
type RemoteImagePolicy = "click" | "link";

const PolicyContext = createContext<RemoteImagePolicy>("click");

/** Markdown below this shows remote images as links only, with no "Load image" button. */
export function RemoteImagesAsLinks({ children }: { children: ReactNode }) {
  return <PolicyContext.Provider value="link">{children}</PolicyContext.Provider>;
}

const LINK_REL = "noopener noreferrer nofollow";

/** A link in model output: a plain anchor, opened in a new tab without a referrer; nothing prefetched. */
export function MarkdownLink({
  href,
  children,
  node: _node,
  className: _className,
  ...rest
}: ComponentProps<"a"> & ExtraProps) {
  if (!href || href.startsWith("streamdown:")) {
    return <span className="font-medium text-primary">{children}</span>;
  }
  const inPage = href.startsWith("#");
  return (
    <a
      {...rest}
      href={href}
      className="wrap-anywhere font-medium text-primary underline"
      target={inPage ? undefined : "_blank"}
      rel={inPage ? undefined : LINK_REL}
      referrerPolicy="no-referrer"
    >
      {children}
    </a>
  );
}

/**
 * An image in model output. Data images render; anything else stays a placeholder naming the host
 * until clicked, because rendering it would send a request (and whatever the URL carries) to a host
 * the model chose.
 */
export function MarkdownImage({ src, alt, title }: ComponentProps<"img"> & ExtraProps) {
  const policy = useContext(PolicyContext);
  const [loaded, setLoaded] = useState(false);
  const source = classifyImageSource(src);
  const label = alt?.trim() ?? "";

  if (source.kind === "inline") {
    return (
      // biome-ignore lint/performance/noImgElement: a data image from model output, not an app asset
      <img src={source.src} alt={label} title={title} className="my-2 inline-block max-w-full rounded-lg" />
    );
  }
  if (source.kind === "none") {
    if (source.reason === "incomplete") {
      return (
        <span
          aria-hidden
          className="my-2 inline-block h-16 w-40 animate-pulse rounded-lg bg-muted align-middle"
        />
      );
    }
    return label ? <span className="text-muted-foreground italic">[{label}]</span> : null;
  }
  if (loaded && policy === "click" && source.loadable) {
    return (
      // biome-ignore lint/performance/noImgElement: a remote image the user chose to load
      <img
        src={source.src}
        alt={label}
        title={title}
        referrerPolicy="no-referrer"
        className="my-2 inline-block max-w-full rounded-lg"
      />
    );
  }

  const where = source.host ?? "this site";
  const load = (e: MouseEvent) => {
    // The image may sit inside a link: loading it must not also follow the link.
    e.preventDefault();
    e.stopPropagation();
    setLoaded(true);
  };
  return (
    <span
      data-remote-image={where}
      className="my-1 inline-flex max-w-full flex-wrap items-center gap-x-2 gap-y-1 rounded-lg border border-dashed bg-muted/40 px-2.5 py-1.5 align-middle text-[13px] text-muted-foreground leading-snug"
    >
      <ImageOff aria-hidden className="size-4 shrink-0" />
      <span className="min-w-0 break-words">
        Image from <span className="font-medium text-foreground">{where}</span>
        {label && <>: {label}</>}
      </span>
      {policy === "click" && source.loadable ? (
        <Button type="button" variant="outline" size="xs" onClick={load}>
          Load image
        </Button>
      ) : (
        <a
          href={source.src}
          target="_blank"
          rel={LINK_REL}
          referrerPolicy="no-referrer"
          className="inline-flex items-center gap-1 font-medium text-primary underline"
        >
          Open link <ExternalLink aria-hidden className="size-3" />
        </a>
      )}
    </span>
  );
}
