import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

/**
 * A field's label row. Only the <label> names the control: the "ignored" chip and the buttons sit
 * outside it, so that getByLabel-style lookups find exactly one element per parameter.
 */
export function FieldHeader({
  htmlFor,
  label,
  ignored,
  onUnset,
  dense = false,
  control,
  children,
}: {
  htmlFor: string;
  label: string;
  ignored?: boolean;
  onUnset?: () => void;
  dense?: boolean;
  /** the control itself, last in the row (dense layout) */
  control?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className={cn("flex items-center gap-1.5", dense ? "min-h-7" : "min-h-6")}>
      <label
        htmlFor={htmlFor}
        className={cn("font-medium text-foreground/90", dense ? "truncate text-[12.5px]" : "text-[13px]")}
      >
        {label}
      </label>
      {ignored && (
        <span className="rounded bg-warning/15 px-1 py-px font-medium text-[10px] text-warning uppercase tracking-wide">
          ignored
        </span>
      )}
      <div className="ml-auto flex shrink-0 items-center gap-0.5">
        {children}
        {onUnset && (
          <Button
            type="button"
            variant="ghost"
            size="xs"
            className="h-5 px-1.5 font-normal text-muted-foreground text-[11px] hover:text-foreground"
            onClick={onUnset}
          >
            Unset
          </Button>
        )}
        {control}
      </div>
    </div>
  );
}
