"use client";

import { diffWords } from "diff";
import { ChevronDown } from "lucide-react";
import { useId, useMemo, useState } from "react";
import { formatDuration } from "@/components/chat/format";
import { messageText } from "@/components/chat/message-parts";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import type { ChatUIMessage } from "@/lib/chat/types";
import { cn } from "@/lib/utils";
import type { ColumnState } from "./use-comparison";

const countWords = (text: string) => text.match(/\S+/g)?.length ?? 0;
const num = (v: number | undefined) => (v === undefined ? "—" : v.toLocaleString("en-US"));

function ColumnPicker({
  id,
  label,
  value,
  count,
  onChange,
}: {
  id: string;
  label: string;
  value: number;
  count: number;
  onChange: (i: number) => void;
}) {
  return (
    <div className="grid flex-1 gap-1">
      <label htmlFor={id} className="font-medium text-[13px] text-foreground/90">
        {label}
      </label>
      <div className="relative">
        <select
          id={id}
          value={value}
          onChange={(e) => onChange(Number(e.currentTarget.value))}
          className="h-8 w-full cursor-pointer appearance-none rounded-md border border-input bg-transparent py-1 pr-8 pl-2.5 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/40 dark:bg-input/20 [&_option]:bg-popover"
        >
          {Array.from({ length: count }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: columns are named by position
            <option key={i} value={i}>
              Column {i + 1}
            </option>
          ))}
        </select>
        <ChevronDown
          aria-hidden
          className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-muted-foreground"
        />
      </div>
    </div>
  );
}

/** Word-level diff of two columns' latest answers, with their lengths and token counts side by side. */
export function DiffDialog({
  open,
  onOpenChange,
  columns,
  latestAnswer,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  columns: ColumnState[];
  latestAnswer: (columnId: string) => ChatUIMessage | undefined;
}) {
  const id = useId();
  const [a, setA] = useState(0);
  const [b, setB] = useState(1);
  const ia = Math.min(a, columns.length - 1);
  const ib = Math.min(b, columns.length - 1);
  const msgA = columns[ia] && latestAnswer(columns[ia].id);
  const msgB = columns[ib] && latestAnswer(columns[ib].id);
  const textA = msgA ? messageText(msgA) : "";
  const textB = msgB ? messageText(msgB) : "";
  // Positions are stable keys: a diff is a fixed sequence.
  const changes = useMemo(() => diffWords(textA, textB).map((c, at) => ({ ...c, at })), [textA, textB]);
  const changed = changes.filter((c) => c.added || c.removed).reduce((n, c) => n + countWords(c.value), 0);
  const same = changes.filter((c) => !c.added && !c.removed).reduce((n, c) => n + countWords(c.value), 0);

  const rows: [string, string, string][] = [
    ["Words", num(countWords(textA)), num(countWords(textB))],
    ["Characters", num(textA.length), num(textB.length)],
    [
      "Completion tokens",
      num(msgA?.metadata?.usage?.completionTokens),
      num(msgB?.metadata?.usage?.completionTokens),
    ],
    [
      "Reasoning tokens",
      num(msgA?.metadata?.usage?.reasoningTokens),
      num(msgB?.metadata?.usage?.reasoningTokens),
    ],
    [
      "Total time",
      msgA?.metadata?.timings?.totalMs === undefined ? "—" : formatDuration(msgA.metadata.timings.totalMs),
      msgB?.metadata?.timings?.totalMs === undefined ? "—" : formatDuration(msgB.metadata.timings.totalMs),
    ],
    ["Finish", msgA?.metadata?.finishReason ?? "—", msgB?.metadata?.finishReason ?? "—"],
  ];

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[90dvh] max-w-3xl grid-rows-[auto_auto_auto_minmax(0,1fr)] overflow-hidden">
        <div className="grid gap-1.5">
          <DialogTitle>Diff of the latest answers</DialogTitle>
          <DialogDescription>
            Word by word:{" "}
            <span className="rounded bg-destructive/15 px-1 text-foreground line-through">removed</span> from
            the first column, <span className="rounded bg-emerald-500/20 px-1 text-foreground">added</span> in
            the second.
          </DialogDescription>
        </div>
        <div className="flex gap-3">
          <ColumnPicker
            id={`${id}-a`}
            label="First column"
            value={ia}
            count={columns.length}
            onChange={setA}
          />
          <ColumnPicker
            id={`${id}-b`}
            label="Second column"
            value={ib}
            count={columns.length}
            onChange={setB}
          />
        </div>
        <table className="w-full text-[12.5px]">
          <thead>
            <tr className="border-b text-left text-muted-foreground text-xs">
              <th className="py-1 font-medium" />
              <th className="py-1 font-medium">Column {ia + 1}</th>
              <th className="py-1 font-medium">Column {ib + 1}</th>
            </tr>
          </thead>
          <tbody className="font-mono tabular-nums">
            {rows.map(([label, x, y]) => (
              <tr key={label} className="border-b border-dashed last:border-0">
                <th scope="row" className="py-1 pr-3 text-left font-sans font-normal text-muted-foreground">
                  {label}
                </th>
                <td className={cn("py-1", x !== y && "font-semibold")}>{x}</td>
                <td className={cn("py-1", x !== y && "font-semibold")}>{y}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <section aria-label="Word diff" className="grid min-h-0 gap-2">
          <p className="text-muted-foreground text-xs">
            {!msgA || !msgB
              ? "Both columns need an answer first."
              : changed === 0
                ? "The answers are identical."
                : `${num(changed)} words differ, ${num(same)} are shared.`}
          </p>
          <div className="min-h-0 overflow-y-auto whitespace-pre-wrap break-words rounded-lg border bg-muted/20 p-3 text-[13.5px] leading-relaxed">
            {changes.map((c) =>
              c.removed ? (
                <del
                  key={c.at}
                  className="rounded-sm bg-destructive/15 text-foreground/80 decoration-destructive/60"
                >
                  {c.value}
                </del>
              ) : c.added ? (
                <ins key={c.at} className="rounded-sm bg-emerald-500/20 px-0.5 no-underline">
                  {c.value}
                </ins>
              ) : (
                <span key={c.at}>{c.value}</span>
              ),
            )}
          </div>
        </section>
      </DialogContent>
    </Dialog>
  );
}
