import "server-only";
import { type Db, openDb } from "@/db/client";
import { env } from "./env";
import { startInstance } from "./instances";

// One connection per server process; survives Next's dev-mode module reloads.
const globalForDb = globalThis as unknown as { playgroundDb?: { db: Db; instanceId: string } };

function open() {
  if (!globalForDb.playgroundDb) {
    const db = openDb(env().DATABASE_PATH);
    globalForDb.playgroundDb = { db, instanceId: startInstance(db) };
  }
  return globalForDb.playgroundDb;
}

export function getDb(): Db {
  return open().db;
}

/** This process's id in the instances table, recorded on the answers it streams. */
export function getInstanceId(): string {
  return open().instanceId;
}
