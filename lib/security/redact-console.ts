import { format } from "node:util";
import type { Redactor } from "./redact";

const METHODS = ["log", "info", "warn", "error", "debug", "trace"] as const;
const PATCHED = Symbol.for("speciale.redactedConsole");

/**
 * Every console line is formatted, then redacted, then written: a key inside a logged error, request
 * or provider body never reaches the log. Applied once per process at start (instrumentation.ts).
 */
export function redactConsole(target: Console, redactor: Redactor): void {
  const marked = target as Console & { [PATCHED]?: true };
  if (!redactor.active || marked[PATCHED]) return;
  marked[PATCHED] = true;
  for (const method of METHODS) {
    const original = target[method].bind(target);
    target[method] = (...args: unknown[]) => original(redactor.redact(format(...args)));
  }
}
