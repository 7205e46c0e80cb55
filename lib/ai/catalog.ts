import "server-only";
import type { Catalog } from "./models";

/** Stub — being implemented: the providers and their models, for GET /api/providers and the panel. */
export async function getCatalog(): Promise<Catalog> {
  throw new Error("not implemented yet");
}
