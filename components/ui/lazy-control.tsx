"use client";

import { LoaderCircle } from "lucide-react";
import { Slot } from "radix-ui";
import { type KeyboardEvent, type ReactElement, type ReactNode, useEffect, useState } from "react";
import { Tooltip } from "@/components/ui/tooltip";
import { type LazyComponent, useLazyComponent } from "@/components/use-lazy-component";

/**
 * A dialog or menu that renders its own trigger, downloaded when that trigger is first used: until then
 * `trigger` stands in for it (LazyTrigger), then the component renders, opened (`defaultOpen`).
 */
export function LazyControl<P extends { defaultOpen?: boolean }>({
  lazy,
  popup,
  trigger,
  tooltip,
  props,
}: {
  lazy: LazyComponent<P>;
  popup: "dialog" | "menu";
  /** the element the component renders as its trigger */
  trigger: ReactElement;
  tooltip?: ReactNode;
  props: Omit<P, "defaultOpen">;
}) {
  const [requested, setRequested] = useState(false);
  const { Component, pending } = useLazyComponent(lazy, requested, () => setRequested(false));
  if (Component) return <Component {...(props as P)} defaultOpen={requested} />;
  return (
    <LazyTrigger
      popup={popup}
      pending={pending}
      tooltip={tooltip}
      onActivate={() => setRequested(true)}
      onIntent={lazy.preload}
    >
      {trigger}
    </LazyTrigger>
  );
}

/**
 * Stands in for the trigger of a dialog or menu not downloaded yet: the same element, which asks for it
 * when clicked (or, for a menu, on ArrowDown as a menu button opens), starts the download when pointed at
 * or focused, and pulses (aria-busy) while it runs.
 */
function LazyTrigger({
  children,
  popup,
  pending,
  tooltip,
  onActivate,
  onIntent,
}: {
  /** the trigger element (a Button), exactly as the downloaded component renders it */
  children: ReactElement;
  popup: "dialog" | "menu";
  pending: boolean;
  tooltip?: ReactNode;
  onActivate: () => void;
  onIntent: () => void;
}) {
  const trigger = (
    <Slot.Root
      aria-haspopup={popup}
      aria-expanded={false}
      aria-busy={pending || undefined}
      className={pending ? "animate-pulse cursor-progress" : undefined}
      onClick={onActivate}
      onKeyDown={(e: KeyboardEvent) => {
        if (popup === "menu" && e.key === "ArrowDown") {
          e.preventDefault();
          onActivate();
        }
      }}
      onPointerEnter={onIntent}
      onFocus={onIntent}
    >
      {children}
    </Slot.Root>
  );
  return tooltip ? <Tooltip content={tooltip}>{trigger}</Tooltip> : trigger;
}

/**
 * A dialog its caller opens (through `open`; it has no trigger of its own), downloaded when first opened:
 * meanwhile its backdrop and a spinner show. Mounted from then on, so that it closes with its animation.
 */
export function LazyDialog<P extends { open: boolean; onOpenChange: (open: boolean) => void }>({
  lazy,
  props,
}: {
  lazy: LazyComponent<P>;
  props: P;
}) {
  const [used, setUsed] = useState(false);
  if (props.open && !used) setUsed(true);
  const close = () => props.onOpenChange(false);
  const { Component, pending } = useLazyComponent(lazy, used, () => {
    setUsed(false);
    close();
  });
  if (Component) return <Component {...props} />;
  return pending && props.open ? <DialogPending onDismiss={close} /> : null;
}

/** Escape or a click on the backdrop gives up waiting, as either would close the dialog. */
function DialogPending({ onDismiss }: { onDismiss: () => void }) {
  useEffect(() => {
    const onKeyDown = (e: globalThis.KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.preventDefault();
      onDismiss();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [onDismiss]);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/useKeyWithClickEvents: the backdrop; Escape is handled on the document
    <div
      className="fade-in-0 fixed inset-0 z-50 grid animate-in place-items-center bg-black/40"
      onClick={onDismiss}
    >
      <p
        role="status"
        className="flex items-center gap-2 rounded-lg border bg-popover px-4 py-3 text-popover-foreground text-sm shadow-lg"
      >
        <LoaderCircle aria-hidden className="size-4 animate-spin" />
        Loading…
      </p>
    </div>
  );
}
