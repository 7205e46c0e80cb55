"use client";

import { Trophy } from "lucide-react";
import { RadioGroup } from "radix-ui";
import type { BlindVote } from "@/lib/compare/blind";
import { cn } from "@/lib/utils";

/** One user message of the comparison, as the vote panel needs it. */
export interface VoteTurn {
  prompt: string;
  /** every column has a finished answer to it */
  answered: boolean;
  /** the ids of the answers shown now (a regenerated answer has a new one) */
  answerIds: string[];
}

/** A column in the order shown, under the name shown ("Answer B" while blind, "Column 2" after). */
export interface VoteSlot {
  id: string;
  label: string;
  /** the short form on the vote buttons ("B") */
  short: string;
}

const TIE = "tie";

function Result({ vote, slots }: { vote: BlindVote; slots: VoteSlot[] }) {
  if (vote.winnerColumnId === null) return <span className="text-muted-foreground">Tie</span>;
  const winner = slots.find((s) => s.id === vote.winnerColumnId);
  return (
    <span className="inline-flex items-center gap-1 font-medium">
      <Trophy aria-hidden className="size-3.5 text-warning" />
      {winner ? `${winner.label} is better` : "A removed column was better"}
    </span>
  );
}

/**
 * Blind A/B votes: while blind, for each message the better answer (or a tie), as a radio group per
 * message; after Reveal, which column won each. A vote revealed in an earlier round stays unnamed while
 * blind again (naming its winner would tell which letter is which column).
 */
export function BlindVotes({
  blind,
  turns,
  slots,
  votes,
  onVote,
}: {
  blind: boolean;
  turns: VoteTurn[];
  slots: VoteSlot[];
  votes: BlindVote[];
  onVote: (turn: number, winnerColumnId: string | null) => void;
}) {
  const byTurn = new Map(votes.map((v) => [v.turn, v]));
  const rows = turns
    .map((t, turn) => {
      const vote = byTurn.get(turn);
      // A vote on answers since regenerated is shown as none: any choice casts it again.
      const stale = Boolean(vote && !vote.revealedAt && t.answered && !sameAnswers(vote, t.answerIds));
      return { ...t, turn, vote, stale };
    })
    .filter((r) => blind || r.vote);
  if (rows.length === 0 && !blind) return null;
  const voted = rows.filter((r) => r.vote && !r.vote.revealedAt && !r.stale).length;
  const open = rows.filter((r) => !r.vote?.revealedAt).length;

  return (
    <section aria-label="Blind votes" className="border-t bg-muted/25 px-3 py-2 sm:px-6">
      <div className="mx-auto grid w-full max-w-3xl gap-1.5">
        <p className="flex flex-wrap items-baseline justify-between gap-x-3 text-[12.5px]">
          <span className="font-medium">
            {blind ? "Blind mode: which answer is better?" : "Blind votes, revealed"}
          </span>
          {blind && (
            <span className="text-muted-foreground">
              {rows.length === 0
                ? "Send a message, then vote on the answers"
                : `${voted} of ${open} message${open === 1 ? "" : "s"} voted · Reveal shows the settings`}
            </span>
          )}
        </p>
        {rows.length > 0 && (
          <ol className="grid max-h-[22vh] gap-1 overflow-y-auto overscroll-contain pr-1">
            {rows.map(({ turn, prompt, answered, vote, stale }) => {
              return (
                <li
                  key={turn}
                  className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1 rounded-md py-0.5 text-[12.5px]"
                >
                  <span className="min-w-0 flex-1 basis-40 truncate">
                    <span className="text-muted-foreground tabular-nums">{turn + 1}. </span>
                    {prompt}
                  </span>
                  {vote?.revealedAt ? (
                    blind ? (
                      <span className="text-muted-foreground">Voted and revealed earlier</span>
                    ) : (
                      <Result vote={vote} slots={slots} />
                    )
                  ) : (
                    <RadioGroup.Root
                      aria-label={`Better answer to message ${turn + 1}`}
                      orientation="horizontal"
                      value={vote && !stale ? (vote.winnerColumnId ?? TIE) : ""}
                      onValueChange={(v) => onVote(turn, v === TIE ? null : v)}
                      disabled={!answered}
                      className="flex shrink-0 items-center gap-1"
                    >
                      {[...slots.map((s) => ({ value: s.id, short: s.short, label: s.label })), TIE_SLOT].map(
                        (s) => (
                          <RadioGroup.Item
                            key={s.value}
                            value={s.value}
                            aria-label={s.label}
                            className={cn(
                              "h-7 min-w-8 rounded-md border px-2 font-medium text-[12px] outline-none transition-colors",
                              "focus-visible:ring-[3px] focus-visible:ring-ring/40 disabled:cursor-not-allowed disabled:opacity-50 data-[state=unchecked]:hover:bg-accent",
                              "data-[state=checked]:border-primary data-[state=checked]:bg-primary data-[state=checked]:text-primary-foreground",
                            )}
                          >
                            {s.short}
                          </RadioGroup.Item>
                        ),
                      )}
                    </RadioGroup.Root>
                  )}
                  {stale && (
                    <span className="text-muted-foreground text-xs">an answer changed since: vote again</span>
                  )}
                  {!answered && !vote && (
                    <span className="text-muted-foreground text-xs">waiting for answers</span>
                  )}
                </li>
              );
            })}
          </ol>
        )}
      </div>
    </section>
  );
}

/** The vote was cast on the answers shown now (none regenerated since). */
function sameAnswers(vote: BlindVote, answerIds: string[]): boolean {
  return vote.candidates.every((c) => answerIds.includes(c.messageId));
}

const TIE_SLOT = { value: TIE, short: "Tie", label: "Tie" };
