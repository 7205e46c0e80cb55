"use client";

import { PanelLeft } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { useShell } from "./app-shell";

/** A page's top bar: the sidebar button (on narrow screens), the page's title, then the page's own tools. */
export function PageHeader({ title, children }: { title: ReactNode; children?: ReactNode }) {
  const { openSidebar } = useShell();
  return (
    <header className="flex h-12 shrink-0 items-center gap-1 border-b px-2 sm:px-3">
      <Button
        variant="ghost"
        size="icon-sm"
        className="lg:hidden"
        aria-label="Open sidebar"
        onClick={openSidebar}
      >
        <PanelLeft />
      </Button>
      <h1 className="min-w-0 truncate px-1 font-medium text-sm">{title}</h1>
      {children}
    </header>
  );
}
