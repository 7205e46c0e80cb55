"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Tooltip } from "@/components/ui/tooltip";

/** navigator.clipboard needs a secure context; a self-hosted app is often served over plain http. */
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  const el = document.createElement("textarea");
  el.value = text;
  el.setAttribute("readonly", "");
  el.style.position = "fixed";
  el.style.opacity = "0";
  document.body.append(el);
  el.select();
  const ok = document.execCommand("copy");
  el.remove();
  if (!ok) throw new Error("copy refused");
}

export function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Tooltip content={copied ? "Copied" : "Copy"}>
      <Button
        variant="ghost"
        size="icon-xs"
        aria-label="Copy"
        className="text-muted-foreground hover:text-foreground"
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
      </Button>
    </Tooltip>
  );
}
