import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

/**
 * A field's label row. Only the <label> names the control: the "ignored" chip and the buttons sit
 * outside it, so that getByLabel-style lookups find exactly one element per parameter.
 */
export function FieldHeader({
  htmlFor,
  label,
  ignored,
  onUnset,
  children,
}: {
  htmlFor: string;
  label: string;
  ignored?: boolean;
  onUnset?: () => void;
  children?: ReactNode;
}) {
  return (
    <div className="flex min-h-6 items-center gap-1.5">
      <label htmlFor={htmlFor} className="font-medium text-[13px] text-foreground/90">
        {label}
      </label>
      {ignored && (
        <span className="rounded bg-warning/15 px-1 py-px font-medium text-[10px] text-warning uppercase tracking-wide">
          ignored
        </span>
      )}
      <div className="ml-auto flex items-center gap-0.5">
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
      </div>
    </div>
  );
}
