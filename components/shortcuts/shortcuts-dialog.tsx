"use client";

import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { chordKeys, SHORTCUTS } from "./shortcuts";
import { useApplePlatform } from "./use-apple-platform";

/** Ctrl/⌘+/: every shortcut, with the keys named as this platform names them. */
export function ShortcutsDialog({
  open,
  onOpenChange,
  onCloseAutoFocus,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** where focus goes when it closes */
  onCloseAutoFocus?: (e: Event) => void;
}) {
  const apple = useApplePlatform();
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-md" onCloseAutoFocus={onCloseAutoFocus}>
        <DialogTitle>Keyboard shortcuts</DialogTitle>
        <DialogDescription className="sr-only">
          The keys of every shortcut and what each one does.
        </DialogDescription>
        <table className="w-full text-sm">
          <thead className="sr-only">
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Keys</th>
            </tr>
          </thead>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.id} className="border-b last:border-0">
                <td className="py-2 pr-3">
                  {s.description}
                  {s.where && <span className="block text-muted-foreground text-xs">{s.where}</span>}
                </td>
                <td className="py-2 text-right whitespace-nowrap">
                  {chordKeys(s.chord, apple).map((k, i) => (
                    <kbd
                      // biome-ignore lint/suspicious/noArrayIndexKey: the keys of one chord, in order
                      key={i}
                      className="ml-1 inline-flex min-w-6 items-center justify-center rounded border bg-muted px-1.5 py-0.5 font-medium font-sans text-xs"
                    >
                      {k}
                    </kbd>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </DialogContent>
    </Dialog>
  );
}
