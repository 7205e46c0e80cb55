"use client";

import { useEffect, useState } from "react";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import type { Catalog } from "@/lib/ai/models";
import type { BlindTally } from "@/lib/compare/blind";

interface Results {
  sets: BlindTally[];
  votes: number;
}

type Load = { state: "loading" } | { state: "failed" } | { state: "done"; results: Results };

/** Wins, losses and ties per parameter set over every revealed blind vote, across comparisons. */
export function BlindResultsDialog({
  open,
  onOpenChange,
  catalog,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  catalog: Catalog;
}) {
  const [load, setLoad] = useState<Load>({ state: "loading" });

  useEffect(() => {
    if (!open) return;
    let live = true;
    setLoad({ state: "loading" });
    fetch("/api/blind/results", { cache: "no-store" })
      .then(async (res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const results = (await res.json()) as Results;
        if (live) setLoad({ state: "done", results });
      })
      .catch(() => live && setLoad({ state: "failed" }));
    return () => {
      live = false;
    };
  }, [open]);

  const providerName = (id: string) => catalog.providers.find((p) => p.id === id)?.name ?? id;

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[90dvh] max-w-2xl grid-rows-[auto_minmax(0,1fr)] overflow-hidden">
        <div className="grid gap-1.5">
          <DialogTitle>Blind A/B results</DialogTitle>
          <DialogDescription>
            Every revealed blind vote, across comparisons: the better answer&apos;s settings win, the others
            lose; a tie counts for each. A vote between identical settings is not counted.
          </DialogDescription>
        </div>
        <div className="min-h-0 overflow-y-auto">
          {load.state === "loading" ? (
            <p role="status" className="text-muted-foreground text-sm">
              Loading…
            </p>
          ) : load.state === "failed" ? (
            <p role="alert" className="text-destructive text-sm">
              Could not load the results.
            </p>
          ) : load.results.sets.length === 0 ? (
            <p className="text-muted-foreground text-sm">
              No revealed votes yet. Turn on Blind mode in a comparison, vote on each message, then Reveal.
            </p>
          ) : (
            <table className="w-full text-[13px]">
              <caption className="pb-2 text-left text-muted-foreground text-xs">
                {load.results.votes} vote{load.results.votes === 1 ? "" : "s"} counted
              </caption>
              <thead>
                <tr className="border-b text-left text-muted-foreground text-xs">
                  <th scope="col" className="py-1 pr-3 font-medium">
                    Settings
                  </th>
                  <th scope="col" className="py-1 pr-2 text-right font-medium">
                    Wins
                  </th>
                  <th scope="col" className="py-1 pr-2 text-right font-medium">
                    Losses
                  </th>
                  <th scope="col" className="py-1 text-right font-medium">
                    Ties
                  </th>
                </tr>
              </thead>
              <tbody>
                {load.results.sets.map((s) => (
                  <tr key={s.key} className="border-b border-dashed align-top last:border-0">
                    <th scope="row" className="py-1.5 pr-3 text-left font-normal">
                      <span className="block font-medium">
                        {providerName(s.providerId)} · {s.modelId}
                      </span>
                      <span className="block break-words font-mono text-[11.5px] text-muted-foreground">
                        {s.summary.length ? s.summary.join(" · ") : "default parameters"}
                      </span>
                    </th>
                    <td className="py-1.5 pr-2 text-right font-mono tabular-nums">{s.wins}</td>
                    <td className="py-1.5 pr-2 text-right font-mono tabular-nums">{s.losses}</td>
                    <td className="py-1.5 text-right font-mono tabular-nums">{s.ties}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </DialogContent>
    </Dialog>
  );
}
