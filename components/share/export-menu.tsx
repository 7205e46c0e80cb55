"use client";

import { FileCode2, FileText } from "lucide-react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Tooltip } from "@/components/ui/tooltip";
import { exportUrl, type ShareKind } from "./api";
import { ExportTrigger } from "./share-triggers";

/** "Export": download the item as readable Markdown or as lossless JSON (which "Import" reads back). */
export function ExportMenu({
  kind,
  id,
  defaultOpen = false,
}: {
  kind: ShareKind;
  id: string;
  /** opened as it mounts (it downloads when its button is first used: lazy-share.tsx) */
  defaultOpen?: boolean;
}) {
  return (
    <DropdownMenu defaultOpen={defaultOpen}>
      <Tooltip content="Export">
        <DropdownMenuTrigger asChild>
          <ExportTrigger />
        </DropdownMenuTrigger>
      </Tooltip>
      <DropdownMenuContent>
        {/* The routes answer with Content-Disposition: attachment, so following the link downloads. */}
        <DropdownMenuItem asChild>
          <a href={exportUrl(kind, id, "md")} download>
            <FileText />
            Export as Markdown
          </a>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <a href={exportUrl(kind, id, "json")} download>
            <FileCode2 />
            Export as JSON
          </a>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
