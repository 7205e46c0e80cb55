"use client";

import { Download, Share2 } from "lucide-react";
import type { ComponentProps } from "react";
import { Button } from "@/components/ui/button";

// The triggers of Share and Export, shown before their code has downloaded (lazy-share.tsx) and after.

export function ShareTrigger(props: ComponentProps<typeof Button>) {
  return (
    <Button variant="ghost" size="sm" aria-label="Share" className="px-2" {...props}>
      <Share2 />
      <span className="hidden sm:inline">Share</span>
    </Button>
  );
}

export function ExportTrigger(props: ComponentProps<typeof Button>) {
  return (
    <Button variant="ghost" size="icon-sm" aria-label="Export" {...props}>
      <Download />
    </Button>
  );
}
