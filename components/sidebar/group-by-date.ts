import type { ConversationSummary } from "@/lib/chat/types";

export interface ConversationGroup {
  label: string;
  items: ConversationSummary[];
}

const DAY = 24 * 60 * 60 * 1000;

/** Buckets like ChatGPT's (Today, Yesterday, …), in the browser's time zone; input is newest first. */
export function groupByDate(items: ConversationSummary[], now: Date): ConversationGroup[] {
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const buckets: [string, number][] = [
    ["Today", startOfToday],
    ["Yesterday", startOfToday - DAY],
    ["Previous 7 days", startOfToday - 7 * DAY],
    ["Previous 30 days", startOfToday - 30 * DAY],
    ["Older", Number.NEGATIVE_INFINITY],
  ];
  const groups: ConversationGroup[] = [];
  for (const item of items) {
    const label = buckets.find(([, since]) => item.updatedAt >= since)?.[0] ?? "Older";
    const last = groups.at(-1);
    if (last?.label === label) last.items.push(item);
    else groups.push({ label, items: [item] });
  }
  return groups;
}
