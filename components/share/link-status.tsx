import type { ShareLink } from "@/lib/share/types";
import { cn } from "@/lib/utils";

const LABEL: Record<ShareLink["status"], string> = {
  active: "Active",
  expired: "Expired",
  revoked: "Revoked",
};

export function LinkStatus({ status }: { status: ShareLink["status"] }) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 rounded-md border px-1.5 py-px font-medium text-[11px]",
        status === "active"
          ? "border-emerald-600/30 bg-emerald-500/10 text-emerald-700 dark:text-emerald-400"
          : "border-border bg-muted text-muted-foreground",
      )}
    >
      <span
        aria-hidden
        className={cn(
          "size-1.5 rounded-full",
          status === "active" ? "bg-emerald-500" : "bg-muted-foreground/60",
        )}
      />
      {LABEL[status]}
    </span>
  );
}
