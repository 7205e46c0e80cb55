"use client";

import { Command, useCommandState } from "cmdk";
import { Columns3, Loader2, MessageSquare, Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Dialog, DialogContent, DialogTitle } from "@/components/ui/dialog";
import { resultHref, type SearchResponse, type SearchResult } from "@/lib/search/types";
import { Highlighted } from "./highlighted";

/** Quiet time after a keystroke before the query is sent. */
const DEBOUNCE_MS = 150;

type Found =
  | { status: "idle" }
  | { status: "loading"; query: string; results: SearchResult[] }
  | { status: "done"; query: string; results: SearchResult[] }
  | { status: "error"; query: string; message: string };

const FIELD_LABEL: Record<SearchResult["field"], string> = {
  title: "Title",
  content: "",
  reasoning: "Reasoning",
};

function resultKey(r: SearchResult): string {
  return r.messageId ?? r.comparisonId ?? r.conversationId ?? "";
}

/** The results of the text typed, fetched once the typing pauses; a newer query cancels the older one. */
function useSearch(text: string): Found {
  const [found, setFound] = useState<Found>({ status: "idle" });
  useEffect(() => {
    const query = text.trim();
    if (!query) {
      setFound({ status: "idle" });
      return;
    }
    setFound((f) => ({ status: "loading", query, results: "results" in f ? f.results : [] }));
    const abort = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/api/search?q=${encodeURIComponent(query)}`, {
          cache: "no-store",
          signal: abort.signal,
        });
        const body = (await res.json().catch(() => null)) as
          | (SearchResponse & { error?: { message?: string } })
          | null;
        if (!res.ok || !body?.results) {
          setFound({
            status: "error",
            query,
            message: body?.error?.message ?? `Search failed (HTTP ${res.status})`,
          });
          return;
        }
        setFound({ status: "done", query, results: body.results });
      } catch {
        if (!abort.signal.aborted)
          setFound({ status: "error", query, message: "Search failed: server unreachable" });
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [text]);
  return found;
}

/** The searchbox, pointing assistive technology at the result cmdk has selected. */
function SearchInput({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const selected = useCommandState((s) => s.selectedItemId);
  return (
    <input
      type="search"
      aria-label="Search"
      aria-activedescendant={value.trim() ? selected : undefined}
      placeholder="Search titles, messages and reasoning"
      autoComplete="off"
      spellCheck={false}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      className="h-12 min-w-0 flex-1 bg-transparent text-[15px] outline-none placeholder:text-muted-foreground [&::-webkit-search-cancel-button]:hidden"
    />
  );
}

function ResultItem({ result, onSelect }: { result: SearchResult; onSelect: () => void }) {
  const Icon = result.comparisonId ? Columns3 : MessageSquare;
  const label =
    result.field === "content" ? (result.role === "user" ? "You" : "Answer") : FIELD_LABEL[result.field];
  return (
    <Command.Item
      value={resultKey(result)}
      onSelect={onSelect}
      className="flex cursor-pointer flex-col gap-0.5 rounded-lg px-3 py-2 text-sm data-[selected=true]:bg-accent data-[selected=true]:text-accent-foreground"
    >
      <span className="flex min-w-0 items-center gap-2">
        <Icon aria-hidden className="size-3.5 shrink-0 text-muted-foreground" />
        <span className="min-w-0 flex-1 truncate font-medium">
          <Highlighted text={result.title} />
        </span>
        <time
          dateTime={new Date(result.updatedAt).toISOString()}
          className="shrink-0 text-muted-foreground text-xs"
        >
          {new Date(result.updatedAt).toLocaleDateString(undefined, {
            month: "short",
            day: "numeric",
            year: "numeric",
          })}
        </time>
      </span>
      {result.snippet && (
        <span className="line-clamp-2 break-words pl-5.5 text-[13px] text-muted-foreground leading-snug">
          {label && <span className="mr-1.5 font-medium text-foreground/80">{label}:</span>}
          <Highlighted text={result.snippet} />
        </span>
      )}
    </Command.Item>
  );
}

/** Ctrl/⌘+K: full-text search over chats and comparisons; choosing a result opens it at the message. */
export function SearchDialog({
  open,
  onOpenChange,
  onCloseAutoFocus,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** where focus goes when it closes */
  onCloseAutoFocus?: (e: Event) => void;
}) {
  const router = useRouter();
  const [text, setText] = useState("");
  const found = useSearch(open ? text : "");
  // A dialog opened again starts from an empty box.
  useEffect(() => {
    if (!open) setText("");
  }, [open]);

  const results = found.status === "done" || found.status === "loading" ? found.results : [];
  const choose = (r: SearchResult) => {
    onOpenChange(false);
    router.push(resultHref(r));
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        aria-describedby={undefined}
        onCloseAutoFocus={onCloseAutoFocus}
        className="top-[10vh] max-w-xl translate-y-0 gap-0 overflow-hidden p-0 sm:top-[15vh]"
      >
        <DialogTitle className="sr-only">Search conversations</DialogTitle>
        {/* min-w-0: a grid item, it would otherwise grow to its longest unbroken title */}
        <Command shouldFilter={false} vimBindings={false} loop className="min-w-0">
          <div className="flex items-center gap-2 border-b px-3">
            {found.status === "loading" ? (
              <Loader2 aria-hidden className="size-4 shrink-0 animate-spin text-muted-foreground" />
            ) : (
              <Search aria-hidden className="size-4 shrink-0 text-muted-foreground" />
            )}
            <SearchInput value={text} onChange={setText} />
          </div>
          {/* The list scrolls in a region keyboard users can reach (cmdk's listbox takes no focus of its own). */}
          <section
            aria-label="Search results"
            tabIndex={results.length > 0 ? 0 : -1}
            className="max-h-[min(60vh,28rem)] overflow-y-auto overscroll-contain outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
          >
            <Command.List label="Results" className="p-1.5">
              {results.map((r) => (
                <ResultItem key={resultKey(r)} result={r} onSelect={() => choose(r)} />
              ))}
            </Command.List>
          </section>
          <p role="status" className="px-4 py-3 text-muted-foreground text-sm empty:hidden">
            {found.status === "idle"
              ? "Type to search titles, messages and reasoning."
              : found.status === "error"
                ? found.message
                : found.status === "done" && results.length === 0
                  ? `No results for “${found.query}”.`
                  : found.status === "done"
                    ? `${results.length} result${results.length === 1 ? "" : "s"} · ↑↓ to choose · Enter to open`
                    : ""}
          </p>
        </Command>
      </DialogContent>
    </Dialog>
  );
}
