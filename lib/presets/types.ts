import type { GenerationParams } from "@/lib/params";

/** A saved preset as the API returns it. */
export interface SavedPreset {
  id: string;
  name: string;
  params: GenerationParams;
  createdAt: number;
  updatedAt: number;
}

/** A preset as an export file carries it: no id, no owner. */
export interface ExportedPreset {
  name: string;
  params: GenerationParams;
}
