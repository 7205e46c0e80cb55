"use client";

import { Settings } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

const entry =
  "flex h-8 w-full items-center gap-2 rounded-md px-2 text-[13px] text-sidebar-foreground/80 outline-none transition-colors hover:bg-sidebar-accent hover:text-sidebar-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50 [&_svg]:size-4 [&_svg]:shrink-0 [&_svg]:text-muted-foreground";

/** "Settings": providers and their keys (/settings). */
export function SettingsLink() {
  const current = usePathname() === "/settings";
  return (
    <Link
      href="/settings"
      aria-current={current ? "page" : undefined}
      className={cn(entry, current && "bg-sidebar-accent font-medium text-sidebar-foreground")}
    >
      <Settings aria-hidden />
      Settings
    </Link>
  );
}
