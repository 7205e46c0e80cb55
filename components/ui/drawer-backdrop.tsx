import { cn } from "@/lib/utils";

/** The dimmed layer behind a drawer on narrow screens; a click closes the drawer. */
export function DrawerBackdrop({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <div
      aria-hidden
      // Esc closes an open drawer: the page's own Esc shortcut (stop the answer) looks for this and waits.
      data-drawer-open={open || undefined}
      onClick={onClose}
      className={cn(
        "fixed inset-0 z-30 bg-black/40 transition-opacity lg:hidden",
        open ? "opacity-100" : "pointer-events-none opacity-0",
      )}
    />
  );
}
