import { ArrowDownToLine } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";

/**
 * In place of the message box when a long conversation was opened far back (a search result): the page
 * holds a part of it, so nothing is sent from here; "Jump to latest" opens it at its latest messages.
 */
export function ExcerptNotice({ conversationId }: { conversationId: string }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 rounded-2xl border bg-muted/40 px-4 py-3 text-sm">
      <p className="text-muted-foreground">You are reading an earlier part of this conversation.</p>
      <Button asChild size="sm">
        <Link href={`/c/${encodeURIComponent(conversationId)}`}>
          <ArrowDownToLine aria-hidden />
          Jump to latest
        </Link>
      </Button>
    </div>
  );
}
