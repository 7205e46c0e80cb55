"use client";

import { useCallback, useRef, useState } from "react";
import { toast } from "sonner";
import { failureMessage } from "@/components/api-error";
import type { BlindState } from "@/lib/compare/blind";

const EMPTY: BlindState = { order: null, votes: [] };

async function failure(res: Response | null): Promise<string> {
  return res ? failureMessage(res) : "the server is unreachable";
}

/**
 * A comparison's blind A/B state: blind mode on (a shuffled order stored by the server), a vote per
 * message, Reveal. Every change is the server's answer, so two tabs and a reload agree.
 */
export function useBlind(
  comparisonId: string,
  initial: BlindState | undefined,
  ensurePersisted: () => Promise<boolean>,
) {
  const [state, setState] = useState<BlindState>(initial ?? EMPTY);
  // One request at a time (a double click, a key held down); the controls stay enabled to keep their focus.
  const inFlight = useRef(false);
  const base = `/api/comparisons/${encodeURIComponent(comparisonId)}/blind`;

  const send = useCallback(
    async (path: string, method: string, what: string, body?: unknown) => {
      if (inFlight.current) return;
      inFlight.current = true;
      try {
        const res = await fetch(`${base}${path}`, {
          method,
          headers: body === undefined ? undefined : { "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        }).catch(() => null);
        if (!res?.ok) {
          toast.error(`Could not ${what}: ${await failure(res)}`);
          return;
        }
        setState((await res.json()) as BlindState);
      } finally {
        inFlight.current = false;
      }
    },
    [base],
  );

  const start = useCallback(async () => {
    if (!(await ensurePersisted())) return;
    await send("", "POST", "start blind mode");
  }, [ensurePersisted, send]);

  const reveal = useCallback(() => send("/reveal", "POST", "reveal"), [send]);

  const vote = useCallback(
    (turn: number, winnerColumnId: string | null) =>
      send("/votes", "PUT", "save the vote", { turn, winnerColumnId }),
    [send],
  );

  return { state, start, reveal, vote };
}
