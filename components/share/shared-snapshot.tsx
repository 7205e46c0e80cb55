import { CircleAlert, TriangleAlert } from "lucide-react";
import type { ReactNode } from "react";
import { describeTimings, describeUsage, reasoningDuration } from "@/components/chat/format";
import { Markdown } from "@/components/chat/lazy-markdown";
import { ReasoningBlock } from "@/components/chat/reasoning-block";
import { RemoteImagesAsLinks } from "@/components/chat/remote-image";
import { describeParams } from "@/lib/params";
import type { SharedColumn, SharedMessage, ShareSnapshot } from "@/lib/share/types";

/*
 * The read-only body of a share page. A server component: only the texts that need the client
 * (Markdown, the reasoning toggle) cross into client components, so the payload holds the snapshot and
 * nothing else.
 */

const STATUS_NOTE: Partial<Record<NonNullable<SharedMessage["status"]>, string>> = {
  stopped: "Stopped by the user before it finished.",
  length: "Cut by the max tokens limit.",
  streaming: "This answer was still being written when the snapshot was taken.",
};

function formatSent(sent: Record<string, unknown> | undefined): string {
  const entries = Object.entries(sent ?? {});
  if (entries.length === 0) return "none (provider defaults)";
  return entries.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(" · ");
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}

/** What produced the answer and what it cost: the part of a share that makes it a reproducible record. */
function AnswerRecord({ m }: { m: SharedMessage }) {
  const usage = describeUsage(m.usage);
  const timings = describeTimings(m.timings);
  const params = describeParams(m.params ?? {});
  return (
    <div className="mt-3 rounded-lg border bg-muted/30 px-3 py-2 text-[11.5px] leading-relaxed">
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5">
        <Row label="Model">
          <span className="font-medium">{m.modelId ?? "unknown"}</span>
          {m.providerName && <span className="text-muted-foreground"> · {m.providerName}</span>}
        </Row>
        <Row label="Parameters">{params.length ? params.join(" · ") : "provider defaults"}</Row>
        <Row label="Sent">
          <span className="font-mono text-[10.5px]">{formatSent(m.paramsSent)}</span>
        </Row>
        {usage.length > 0 && <Row label="Usage">{usage.join(" · ")}</Row>}
        {timings.length > 0 && (
          <Row label="Timings">
            <span className="tabular-nums">{timings.join(" · ")}</span>
          </Row>
        )}
        {m.finishReason && (
          <Row label="Finish">
            <span className="font-mono text-[10.5px]">{m.finishReason}</span>
          </Row>
        )}
      </dl>
      {m.params?.system && (
        <details className="group/system mt-1.5 border-t pt-1.5">
          <summary className="cursor-pointer text-muted-foreground hover:text-foreground">
            System prompt
          </summary>
          <p className="mt-1 whitespace-pre-wrap break-words">{m.params.system}</p>
        </details>
      )}
    </div>
  );
}

function SharedAssistantMessage({ m }: { m: SharedMessage }) {
  const note = m.status ? STATUS_NOTE[m.status] : undefined;
  return (
    <article aria-label="Assistant message" className="min-w-0">
      {m.reasoning && (
        <ReasoningBlock
          text={m.reasoning}
          streaming={false}
          autoOpen={false}
          durationMs={reasoningDuration(m.timings)}
        />
      )}
      {m.text !== "" && <Markdown text={m.text} className="text-[15px] leading-7" />}
      {m.status === "error" && m.errorMessage && (
        <div className="mt-3 flex items-start gap-2 rounded-lg border border-destructive/35 bg-destructive/5 px-3 py-2 text-[13px]">
          <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-destructive" />
          <p className="min-w-0 flex-1 break-words">{m.errorMessage}</p>
        </div>
      )}
      {note && (
        <div className="mt-3 flex items-start gap-2 rounded-lg border border-warning/35 bg-warning/5 px-3 py-2 text-[13px]">
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-warning" />
          <p>{note}</p>
        </div>
      )}
      <AnswerRecord m={m} />
    </article>
  );
}

function SharedUserMessage({ m }: { m: SharedMessage }) {
  return (
    <article aria-label="User message" className="flex min-w-0 flex-col items-end">
      <div className="max-w-[85%] whitespace-pre-wrap break-words rounded-2xl rounded-br-md bg-muted px-3.5 py-2 text-[15px] leading-relaxed">
        {m.text}
      </div>
    </article>
  );
}

function Messages({ messages }: { messages: SharedMessage[] }) {
  if (messages.length === 0) return <p className="text-muted-foreground text-sm">No messages.</p>;
  return messages.map((m, i) =>
    m.role === "user" ? (
      // A snapshot is immutable, so the position is a stable key.
      // biome-ignore lint/suspicious/noArrayIndexKey: see above
      <SharedUserMessage key={i} m={m} />
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: see above
      <SharedAssistantMessage key={i} m={m} />
    ),
  );
}

function ColumnView({ column, index }: { column: SharedColumn; index: number }) {
  const params = describeParams(column.params);
  return (
    <section
      aria-label={`Column ${index + 1}: ${column.modelId}`}
      className="flex w-[85vw] max-w-md shrink-0 snap-start flex-col gap-5 rounded-xl border p-4 sm:w-auto sm:min-w-80 sm:max-w-none sm:flex-1"
    >
      <header className="border-b pb-3">
        <p className="font-medium text-sm">{column.modelId}</p>
        <p className="text-muted-foreground text-xs">
          {column.providerName} · {params.length ? params.join(" · ") : "provider defaults"}
        </p>
      </header>
      <Messages messages={column.messages} />
    </section>
  );
}

/** Remote images in a shared answer are never loaded on the page, only linked. */
export function SharedSnapshotBody({ snapshot }: { snapshot: ShareSnapshot }) {
  if (snapshot.kind === "conversation") {
    return (
      <RemoteImagesAsLinks>
        <div className="flex flex-col gap-5">
          <Messages messages={snapshot.messages} />
        </div>
      </RemoteImagesAsLinks>
    );
  }
  return (
    <RemoteImagesAsLinks>
      {/* Side by side; beyond what fits, the row scrolls (one column per swipe on a phone). */}
      <div className="-mx-4 flex snap-x snap-mandatory scroll-px-4 gap-4 overflow-x-auto px-4 pb-2 sm:snap-none">
        {snapshot.columns.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: columns of an immutable snapshot
          <ColumnView key={i} column={c} index={i} />
        ))}
      </div>
    </RemoteImagesAsLinks>
  );
}
