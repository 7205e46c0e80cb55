"use client";

import type { ComponentProps } from "react";
import { LazyControl } from "@/components/ui/lazy-control";
import { lazyComponent } from "@/components/use-lazy-component";
import { PresetsMenuButton, SavePresetDisabled, SavePresetTrigger } from "./presets-buttons";
import type { PresetsMenu, SavePresetButton } from "./presets-menu";

// The presets menu and dialogs (with Radix's menu and dialog) download when one is first opened.
const presetsMenu = lazyComponent(() => import("./presets-menu").then((m) => m.PresetsMenu));
const savePresetButton = lazyComponent(() => import("./presets-menu").then((m) => m.SavePresetButton));

export function LazyPresetsMenu(props: Omit<ComponentProps<typeof PresetsMenu>, "defaultOpen">) {
  return <LazyControl lazy={presetsMenu} popup="menu" trigger={<PresetsMenuButton />} props={props} />;
}

export function LazySavePresetButton(props: Omit<ComponentProps<typeof SavePresetButton>, "defaultOpen">) {
  // Disabled, it opens nothing: nothing to download yet.
  if (!props.params && props.disabledReason) return <SavePresetDisabled reason={props.disabledReason} />;
  return (
    <LazyControl
      lazy={savePresetButton}
      popup="dialog"
      trigger={<SavePresetTrigger disabled={!props.params} />}
      props={props}
    />
  );
}
