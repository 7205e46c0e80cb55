import "server-only";
import { type Db, openDb } from "@/db/client";
import { markInterruptedMessages } from "@/db/queries/conversations";
import { env } from "./env";

// One connection per server process; survives Next's dev-mode module reloads.
const globalForDb = globalThis as unknown as { playgroundDb?: Db };

export function getDb(): Db {
  if (!globalForDb.playgroundDb) {
    const db = openDb(env().DATABASE_PATH);
    markInterruptedMessages(db);
    globalForDb.playgroundDb = db;
  }
  return globalForDb.playgroundDb;
}
