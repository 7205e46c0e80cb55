"use client";

import { Check, Copy, X } from "lucide-react";
import { Dialog as DialogPrimitive, Tabs } from "radix-ui";
import { type ReactElement, useEffect, useState } from "react";
import { toast } from "sonner";
import { failureMessage } from "@/components/api-error";
import { copyText } from "@/components/chat/copy-button";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { Tooltip } from "@/components/ui/tooltip";
import type { Snippets } from "@/lib/view-code/snippets";
import type { ViewCode } from "@/lib/view-code/types";

const TABS: { value: keyof Snippets; label: string }[] = [
  { value: "curl", label: "curl" },
  { value: "python", label: "Python" },
  { value: "typescript", label: "TypeScript" },
];

type Loaded = { state: "loading" } | { state: "error"; message: string } | { state: "ready"; code: ViewCode };

async function readError(res: Response | null): Promise<string> {
  return res ? failureMessage(res, `The server answered ${res.status}.`) : "The server could not be reached.";
}

function CopySnippet({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      size="xs"
      variant="outline"
      onClick={async () => {
        try {
          await copyText(text);
          setCopied(true);
          window.setTimeout(() => setCopied(false), 1500);
        } catch {
          toast.error("Could not copy to the clipboard");
        }
      }}
    >
      {copied ? <Check /> : <Copy />}
      {copied ? "Copied" : "Copy"}
    </Button>
  );
}

/**
 * "View code": the request that was sent for an answer, or that the composer would send, as curl, Python
 * (openai) and TypeScript (AI SDK). `load` fetches it from /api/view-code when the dialog opens: the base
 * URL is only ever served to the owner, on request.
 */
export function ViewCodeDialog({
  trigger,
  tooltip,
  title,
  load,
  defaultOpen = false,
}: {
  /** the button that opens the dialog (focus returns to it) */
  trigger: ReactElement;
  tooltip?: string;
  title: string;
  load: () => Promise<Response>;
  /** opened as it mounts (it downloads when its trigger is first used: lazy-view-code-dialog.tsx) */
  defaultOpen?: boolean;
}) {
  const [open, setOpen] = useState(defaultOpen);
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  const [tab, setTab] = useState<keyof Snippets>("curl");

  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once per opening, with the settings of that moment
  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    setLoaded({ state: "loading" });
    void (async () => {
      const res = await load().catch(() => null);
      const next: Loaded = res?.ok
        ? { state: "ready", code: (await res.json()) as ViewCode }
        : { state: "error", message: await readError(res) };
      if (!cancelled) setLoaded(next);
    })();
    return () => {
      cancelled = true;
    };
  }, [open]);

  const code = loaded.state === "ready" ? loaded.code : undefined;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      {tooltip ? (
        <Tooltip content={tooltip}>
          <DialogPrimitive.Trigger asChild>{trigger}</DialogPrimitive.Trigger>
        </Tooltip>
      ) : (
        <DialogPrimitive.Trigger asChild>{trigger}</DialogPrimitive.Trigger>
      )}
      <DialogContent className="flex max-h-[92dvh] max-w-3xl flex-col gap-3 sm:p-6">
        <DialogClose asChild>
          <Button variant="ghost" size="icon-xs" aria-label="Close" className="absolute top-3 right-3">
            <X />
          </Button>
        </DialogClose>
        <div className="grid gap-1 pr-6">
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>
            {code ? (
              <>
                <span className="break-all font-mono text-xs">POST {code.baseUrl}/chat/completions</span>
                <span className="block">
                  {code.providerName} · {code.modelId}.{" "}
                  {code.keyEnv ? (
                    <>
                      The key is read from <code className="font-mono">${code.keyEnv}</code>.
                    </>
                  ) : (
                    "No key is sent."
                  )}
                  {code.placeholder && " The new message is a placeholder: type yours in its place."}
                </span>
              </>
            ) : (
              "The exact request, with the key replaced by its environment variable."
            )}
          </DialogDescription>
        </div>
        {loaded.state === "loading" && (
          <p role="status" className="py-8 text-center text-muted-foreground text-sm">
            Loading…
          </p>
        )}
        {loaded.state === "error" && (
          <p
            role="alert"
            className="rounded-md border border-destructive/35 bg-destructive/5 px-3 py-2 text-sm"
          >
            {loaded.message}
          </p>
        )}
        {code && (
          <Tabs.Root
            value={tab}
            onValueChange={(v) => setTab(v as keyof Snippets)}
            className="flex min-h-0 flex-col gap-2"
          >
            <div className="flex items-center gap-2">
              <Tabs.List aria-label="Language" className="inline-flex rounded-lg bg-muted p-0.5">
                {TABS.map((t) => (
                  <Tabs.Trigger
                    key={t.value}
                    value={t.value}
                    className="rounded-md px-2.5 py-1 font-medium text-muted-foreground text-xs outline-none focus-visible:ring-2 focus-visible:ring-ring data-[state=active]:bg-background data-[state=active]:text-foreground data-[state=active]:shadow-sm"
                  >
                    {t.label}
                  </Tabs.Trigger>
                ))}
              </Tabs.List>
            </div>
            {TABS.map((t) => (
              <Tabs.Content
                key={t.value}
                value={t.value}
                className="flex min-h-0 flex-col gap-2 outline-none focus-visible:ring-2 focus-visible:ring-ring"
              >
                <div className="pointer-events-none -mt-9 flex justify-end [&>*]:pointer-events-auto">
                  <CopySnippet text={code.snippets[t.value]} />
                </div>
                {/* focusable, so that the code scrolls by keyboard too */}
                <pre
                  // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
                  tabIndex={0}
                  className="max-h-[60dvh] min-h-0 overflow-auto rounded-lg border bg-muted/40 p-3 font-mono text-[12px] leading-relaxed outline-none focus-visible:ring-2 focus-visible:ring-ring"
                >
                  <code>{code.snippets[t.value]}</code>
                </pre>
              </Tabs.Content>
            ))}
          </Tabs.Root>
        )}
      </DialogContent>
    </Dialog>
  );
}
