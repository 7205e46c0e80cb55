"use client";

import type { ComponentProps } from "react";
import { LazyControl } from "@/components/ui/lazy-control";
import { lazyComponent } from "@/components/use-lazy-component";
import type { ViewCodeDialog } from "./view-code-dialog";

type Props = Omit<ComponentProps<typeof ViewCodeDialog>, "defaultOpen">;

const viewCodeDialog = lazyComponent(() => import("./view-code-dialog").then((m) => m.ViewCodeDialog));

/** View code's trigger; the dialog (with Radix's dialog and tabs) downloads when it is first opened. */
export function LazyViewCodeDialog(props: Props) {
  return (
    <LazyControl
      lazy={viewCodeDialog}
      popup="dialog"
      trigger={props.trigger}
      tooltip={props.tooltip}
      props={props}
    />
  );
}
