"use client";

import { RotateCcw, X } from "lucide-react";
import { type ReactNode, useRef } from "react";
import { Button } from "@/components/ui/button";
import { DrawerBackdrop } from "@/components/ui/drawer-backdrop";
import { Tooltip } from "@/components/ui/tooltip";
import { useDrawerFocus } from "@/components/ui/use-drawer-focus";
import type { Catalog, ModelSelection } from "@/lib/ai/models";
import type { ModelLimits } from "@/lib/params";
import { cn } from "@/lib/utils";
import { ParamFields } from "./param-fields";
import type { ParamField, ParamFormState, ParamFormValues } from "./param-form";

export function ParamsPanel({
  catalog,
  selection,
  onSelectionChange,
  selectionNote,
  limits,
  values,
  errors,
  onChange,
  onReset,
  mobileOpen,
  desktopHidden,
  onClose,
  toolbar,
}: {
  catalog: Catalog;
  selection: ModelSelection;
  onSelectionChange: (sel: ModelSelection) => void;
  /** why the conversation's stored model was replaced, if it was */
  selectionNote?: string;
  limits: ModelLimits;
  values: ParamFormValues;
  errors: ParamFormState["errors"];
  onChange: (field: ParamField, value: string, badInput?: boolean) => void;
  onReset: () => void;
  mobileOpen: boolean;
  desktopHidden: boolean;
  onClose: () => void;
  /** Presets, Save preset, View code: above the fields */
  toolbar?: ReactNode;
}) {
  const drawer = useRef<HTMLElement>(null);
  useDrawerFocus(mobileOpen, drawer);
  return (
    <>
      <DrawerBackdrop open={mobileOpen} onClose={onClose} />
      <aside
        ref={drawer}
        id="params-panel"
        aria-label="Parameters"
        className={cn(
          "fixed inset-y-0 right-0 z-40 flex w-[22rem] max-w-[92vw] flex-col border-l bg-background shadow-xl transition-transform duration-200",
          "lg:static lg:z-auto lg:w-80 lg:max-w-none lg:translate-x-0 lg:shadow-none",
          mobileOpen ? "translate-x-0" : "invisible translate-x-full lg:visible",
          desktopHidden && "lg:hidden",
        )}
      >
        <div className="flex h-12 shrink-0 items-center gap-1 border-b px-4">
          <h2 className="font-semibold text-sm">Parameters</h2>
          <Tooltip content="Reset to defaults">
            <Button
              variant="ghost"
              size="icon-xs"
              className="ml-auto text-muted-foreground"
              aria-label="Reset to defaults"
              onClick={onReset}
            >
              <RotateCcw />
            </Button>
          </Tooltip>
          <Button
            variant="ghost"
            size="icon-xs"
            className="lg:hidden"
            aria-label="Close panel"
            onClick={onClose}
          >
            <X />
          </Button>
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto px-4 py-4">
          {toolbar && <div className="mb-4">{toolbar}</div>}
          <ParamFields
            idPrefix="param"
            catalog={catalog}
            selection={selection}
            onSelectionChange={onSelectionChange}
            selectionNote={selectionNote}
            limits={limits}
            values={values}
            errors={errors}
            onChange={onChange}
          />
        </div>
      </aside>
    </>
  );
}
