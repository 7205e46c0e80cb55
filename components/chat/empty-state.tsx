import { KeyRound, Sparkles } from "lucide-react";

const KEY_VARIABLES = [
  "AIMLAPI_API_KEY",
  "ATLASCLOUD_API_KEY",
  "DEEPSEEK_API_KEY",
  "OPENAI_COMPATIBLE_BASE_URL",
];

export function EmptyState({ offlineOnly }: { offlineOnly: boolean }) {
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center py-[12vh] text-center">
      <div className="mb-4 flex size-10 items-center justify-center rounded-xl border bg-muted/50">
        <Sparkles aria-hidden className="size-5 text-muted-foreground" />
      </div>
      <h2 className="font-semibold text-lg tracking-tight">What should the model think about?</h2>
      <p className="mt-2 text-muted-foreground text-sm leading-relaxed">
        Reasoning streams first, then the answer. Pick the model and sampling settings in the panel; every
        answer records exactly what it was generated with, its token usage and its timings.
      </p>
      {offlineOnly && (
        <div className="mt-6 w-full rounded-xl border bg-muted/30 p-4 text-left text-sm">
          <div className="flex items-center gap-2 font-medium">
            <KeyRound aria-hidden className="size-4 text-warning" />
            No provider key is configured
          </div>
          <p className="mt-1.5 text-muted-foreground leading-relaxed">
            Only the built-in offline model is available: a small n-gram text generator for trying the
            interface, not a language model. To use a real model, set one of these in the server&apos;s
            environment and restart it:
          </p>
          <ul className="mt-2 flex flex-wrap gap-1.5">
            {KEY_VARIABLES.map((v) => (
              <li key={v}>
                <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">{v}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
