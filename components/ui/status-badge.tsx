import { cn } from "@/lib/utils";

/** A small inline status label ("Stopped", "Cut by max tokens"…). */
export function StatusBadge({ tone, children }: { tone: "muted" | "warning"; children: string }) {
  return (
    <span
      className={cn(
        "inline-flex items-center rounded-md border px-1.5 py-px font-medium text-[11px]",
        tone === "warning"
          ? "border-warning/40 bg-warning/10 text-warning"
          : "bg-muted text-muted-foreground",
      )}
    >
      {children}
    </span>
  );
}
