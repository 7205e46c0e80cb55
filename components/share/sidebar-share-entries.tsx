"use client";

import { Link2, Loader2, Upload } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { failureMessage } from "@/components/api-error";
import { cn } from "@/lib/utils";

const entry =
  "flex h-8 w-full items-center gap-2 rounded-md px-2 text-[13px] text-sidebar-foreground/80 outline-none transition-colors hover:bg-sidebar-accent hover:text-sidebar-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:opacity-50 [&_svg]:size-4 [&_svg]:shrink-0 [&_svg]:text-muted-foreground";

/** The sidebar's "Shared links" page link and "Import" (an exported JSON file back as a new conversation). */
export function SidebarShareEntries() {
  const pathname = usePathname();
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [importing, setImporting] = useState(false);

  const importFile = async (file: File) => {
    setImporting(true);
    try {
      // The raw file is the body: the server validates it whole (size, JSON, format) and creates nothing on error.
      const res = await fetch("/api/conversations/import", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: file,
      }).catch(() => null);
      if (!res?.ok) {
        const reason = res ? await failureMessage(res) : "the server is unreachable";
        toast.error(`Could not import “${file.name}”`, { description: reason });
        return;
      }
      const result = (await res.json()) as { kind: "conversation" | "comparison"; url: string };
      toast.success(result.kind === "conversation" ? "Conversation imported" : "Comparison imported");
      router.push(result.url);
    } finally {
      setImporting(false);
    }
  };

  return (
    <div className="grid gap-px border-sidebar-border border-t px-2 py-2">
      <Link
        href="/shares"
        aria-current={pathname === "/shares" ? "page" : undefined}
        className={cn(
          entry,
          pathname === "/shares" && "bg-sidebar-accent font-medium text-sidebar-foreground",
        )}
      >
        <Link2 aria-hidden />
        Shared links
      </Link>
      <button type="button" className={entry} disabled={importing} onClick={() => input.current?.click()}>
        {importing ? <Loader2 aria-hidden className="animate-spin" /> : <Upload aria-hidden />}
        Import
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        className="hidden"
        tabIndex={-1}
        aria-hidden
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          // Cleared so that choosing the same file again (after fixing it) fires a change.
          e.currentTarget.value = "";
          if (file) void importFile(file);
        }}
      />
    </div>
  );
}
