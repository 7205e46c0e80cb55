"use client";

import { useMounted } from "@/components/use-mounted";

const local = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const utc = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/**
 * A timestamp in the reader's time zone. The server does not know that zone, so it renders UTC and the
 * browser swaps in local time after hydration.
 */
export function LocalTime({ ms, className }: { ms: number; className?: string }) {
  const mounted = useMounted();
  const date = new Date(ms);
  return (
    <time dateTime={date.toISOString()} className={className}>
      {mounted ? local.format(date) : `${utc.format(date)} UTC`}
    </time>
  );
}
