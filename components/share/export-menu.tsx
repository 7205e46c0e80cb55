"use client";

import { Download, FileCode2, FileText } from "lucide-react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Tooltip } from "@/components/ui/tooltip";
import { exportUrl, type ShareKind } from "./api";

/** "Export": download the item as readable Markdown or as lossless JSON (which "Import" reads back). */
export function ExportMenu({ kind, id }: { kind: ShareKind; id: string }) {
  return (
    <DropdownMenu>
      <Tooltip content="Export">
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon-sm" aria-label="Export">
            <Download />
          </Button>
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
