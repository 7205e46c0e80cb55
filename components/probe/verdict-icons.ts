import { CircleCheck, CircleHelp, CircleSlash } from "lucide-react";
import type { Verdict } from "@/lib/probe/decide";

export const VERDICT_ICONS: Record<Verdict, typeof CircleCheck> = {
  effect: CircleCheck,
  ignored: CircleSlash,
  inconclusive: CircleHelp,
};
