import "server-only";
import { type Db, openDb } from "@/db/client";
import { env } from "./env";

// One connection per server process; survives Next's dev-mode module reloads.
const globalForDb = globalThis as unknown as { playgroundDb?: Db };

export function getDb(): Db {
  globalForDb.playgroundDb ??= openDb(env().DATABASE_PATH);
  return globalForDb.playgroundDb;
}
