"use client";

import type { ComponentProps } from "react";
import { lazyComponent } from "@/components/use-lazy-component";
import type { ConfirmDialogBody } from "./confirm-dialog-body";
import { LazyDialog } from "./lazy-control";

const body = lazyComponent(() => import("./confirm-dialog-body").then((m) => m.ConfirmDialogBody));

/**
 * Asks before something that cannot be undone: a title, what it removes, Cancel and a destructive button,
 * disabled while `onConfirm` runs. The caller closes it (through `open`) when the action succeeded. Its
 * code (with Radix's dialog) downloads when one is first opened.
 */
export function ConfirmDialog(props: ComponentProps<typeof ConfirmDialogBody>) {
  return <LazyDialog lazy={body} props={props} />;
}
