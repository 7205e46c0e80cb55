import "server-only";
import { sql } from "drizzle-orm";
import { rows } from "@/db/client";
import { getDb } from "./db";

/** Throws unless the database answers a query (either dialect). */
export async function pingDatabase(): Promise<void> {
  await rows(getDb(), sql`select 1`);
}
