"use client";

import { LazyControl } from "@/components/ui/lazy-control";
import { lazyComponent } from "@/components/use-lazy-component";
import type { ShareKind } from "./api";
import { ExportTrigger, ShareTrigger } from "./share-triggers";

// Share's dialog and Export's menu (with Radix's dialog and menu) download when first opened.
const shareButton = lazyComponent(() => import("./share-button").then((m) => m.ShareButton));
const exportMenu = lazyComponent(() => import("./export-menu").then((m) => m.ExportMenu));

export function LazyShareButton(props: { kind: ShareKind; id: string }) {
  return <LazyControl lazy={shareButton} popup="dialog" trigger={<ShareTrigger />} props={props} />;
}

export function LazyExportMenu(props: { kind: ShareKind; id: string }) {
  return (
    <LazyControl lazy={exportMenu} popup="menu" trigger={<ExportTrigger />} tooltip="Export" props={props} />
  );
}
