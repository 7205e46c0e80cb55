"use client";

import {
  CircleAlert,
  CircleCheck,
  CircleDashed,
  KeyRound,
  Loader2,
  Pencil,
  RefreshCw,
  Trash2,
} from "lucide-react";
import { LocalTime } from "@/components/share/local-time";
import { Button } from "@/components/ui/button";
import type { ProviderSettings } from "@/lib/settings/types";
import { cn } from "@/lib/utils";

function SourceBadge({ p }: { p: ProviderSettings }) {
  const [label, tone] = p.builtIn
    ? ["Built in", "muted"]
    : !p.configured
      ? ["Not configured", "muted"]
      : p.source === "env"
        ? ["Environment", "info"]
        : ["Set here", "info"];
  return (
    <span
      className={cn(
        "inline-flex items-center rounded-md border px-1.5 py-px font-medium text-[11px]",
        tone === "info"
          ? "border-primary/30 bg-primary/10 text-foreground"
          : "bg-muted text-muted-foreground",
      )}
    >
      {label}
    </span>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-0.5 sm:grid-cols-[8rem_1fr] sm:gap-3">
      <dt className="text-muted-foreground text-xs sm:text-sm">{label}</dt>
      <dd className="min-w-0 break-words text-sm">{children}</dd>
    </div>
  );
}

function configuredText(p: ProviderSettings): string {
  if (p.builtIn) return "Yes: the offline demo model (not an LLM), always available";
  if (p.configured) return p.source === "env" ? `Yes, by the environment (${p.envVars[0]})` : "Yes, set here";
  if (p.id === "custom") return `No: set ${p.envVars[0]} in the environment, or add a provider below`;
  return p.editable === "key" ? `No: set a key here, or ${p.envVars[0]} in the environment` : "No";
}

function StatusRow({ p, checking }: { p: ProviderSettings; checking: boolean }) {
  const s = p.status;
  let body: React.ReactNode;
  if (checking) {
    body = (
      <span className="inline-flex items-center gap-1.5 text-muted-foreground">
        <Loader2 aria-hidden className="size-4 animate-spin" />
        Checking…
      </span>
    );
  } else if (!s) {
    body = <span className="text-muted-foreground">Not checked: not configured</span>;
  } else if (s.reachable) {
    body = (
      <span className="inline-flex items-start gap-1.5">
        <CircleCheck aria-hidden className="mt-0.5 size-4 shrink-0 text-emerald-600 dark:text-emerald-400" />
        <span>
          Reachable · lists {s.modelCount} {s.modelCount === 1 ? "model" : "models"}
        </span>
      </span>
    );
  } else {
    body = (
      <span className="inline-flex items-start gap-1.5">
        <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-destructive" />
        <span>
          <span className="font-medium">Unreachable:</span>{" "}
          <span className="font-mono text-xs">{s.error}</span>
        </span>
      </span>
    );
  }
  return (
    <Row label="Status">
      <span aria-live="polite">{body}</span>
      {s && !checking && (
        <span className="block text-muted-foreground text-xs">
          Checked <LocalTime ms={s.checkedAt} />
        </span>
      )}
    </Row>
  );
}

function ModelRow({ p }: { p: ProviderSettings }) {
  const listed = p.status?.defaultModelListed;
  const model = p.defaultModel;
  return (
    <Row label={p.kind === "preset" ? "Preset model" : "Default model"}>
      {model ? (
        <span className="font-mono text-xs">{model}</span>
      ) : (
        <span className="text-muted-foreground">the first model listed</span>
      )}
      {model && p.status?.reachable && (
        // The warning colour marks the icon only: as small text it would not reach 4.5:1 on the light card.
        <span
          className={cn(
            "ml-2 inline-flex items-center gap-1 text-xs",
            listed ? "text-muted-foreground" : "font-medium text-foreground",
          )}
        >
          {listed ? (
            <CircleCheck aria-hidden className="size-3.5 text-emerald-600 dark:text-emerald-400" />
          ) : (
            <CircleDashed aria-hidden className="size-3.5 text-warning" />
          )}
          {listed ? "listed" : "not listed: the host may have stopped serving it"}
        </span>
      )}
    </Row>
  );
}

/** One provider: where it is configured from, its key (masked), whether it answers, and what can be done here. */
export function ProviderCard({
  p,
  checking,
  onCheck,
  onEdit,
  onSetKey,
  onRemove,
}: {
  p: ProviderSettings;
  checking: boolean;
  onCheck: () => void;
  onEdit: () => void;
  onSetKey: () => void;
  onRemove: () => void;
}) {
  const headingId = `provider-${p.id}`;
  const hasUiKey = p.editable === "key" && p.source === "ui";
  return (
    <li
      aria-labelledby={headingId}
      className="grid gap-3 rounded-xl border bg-card px-4 py-3 text-card-foreground"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="font-medium text-sm">
          {p.name}
        </h3>
        <SourceBadge p={p} />
        {p.kind === "custom" && <span className="text-muted-foreground text-xs">OpenAI-compatible</span>}
      </div>
      <dl className="grid gap-2">
        <Row label="Configured">{configuredText(p)}</Row>
        {p.baseUrl && (
          <Row label="Base URL">
            <span className="font-mono text-xs">{p.baseUrl}</span>
          </Row>
        )}
        {!p.builtIn && (
          <Row label="API key">
            {p.key ? (
              <span className="font-mono text-xs">{p.key}</span>
            ) : (
              <span className="text-muted-foreground">none</span>
            )}
            {p.keyNote && (
              <span className="mt-0.5 flex items-start gap-1 text-xs">
                <CircleAlert aria-hidden className="mt-px size-3.5 shrink-0 text-warning" />
                {p.keyNote}
              </span>
            )}
          </Row>
        )}
        {p.configured && <StatusRow p={p} checking={checking} />}
        {p.configured && <ModelRow p={p} />}
      </dl>
      <div className="flex flex-wrap items-center gap-2">
        {p.configured && (
          <Button size="xs" variant="outline" disabled={checking} onClick={onCheck}>
            <RefreshCw aria-hidden className={cn(checking && "animate-spin")} />
            Check again
          </Button>
        )}
        {p.editable === "key" && (
          <Button size="xs" variant="outline" onClick={onSetKey}>
            <KeyRound aria-hidden />
            {p.key || p.keyNote ? "Replace key" : "Set key"}
          </Button>
        )}
        {p.editable === "all" && (
          <Button size="xs" variant="outline" onClick={onEdit}>
            <Pencil aria-hidden />
            Edit
          </Button>
        )}
        {(p.editable === "all" || hasUiKey || p.keyNote) && (
          <Button
            size="xs"
            variant="ghost"
            className="text-destructive hover:text-destructive"
            onClick={onRemove}
          >
            <Trash2 aria-hidden />
            {p.editable === "all" ? "Remove" : "Remove key"}
          </Button>
        )}
      </div>
    </li>
  );
}
