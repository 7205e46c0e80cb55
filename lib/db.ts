import "server-only";
import { type Db, openDb, openSqlite } from "@/db/client";
import { env } from "./env";
import { startInstance } from "./instances";

// One database per server process; survives Next's dev-mode module reloads.
const globalForDb = globalThis as unknown as {
  playgroundDb?: { db: Db; instanceId: string };
  playgroundDbOpening?: Promise<Db>;
};

function adopt(db: Db): Promise<void> {
  if (globalForDb.playgroundDb) return Promise.resolve();
  const instance = startInstance(db);
  globalForDb.playgroundDb = { db, instanceId: instance.id };
  return instance.ready;
}

/**
 * Open the database of the environment: PostgreSQL when DATABASE_URL is set, else the SQLite file. Called
 * once at start (instrumentation.ts), so that PostgreSQL's connection and migrations are done before the first
 * request; later calls return the same database.
 */
export function openAppDb(): Promise<Db> {
  if (globalForDb.playgroundDb) return Promise.resolve(globalForDb.playgroundDb.db);
  const { DATABASE_URL, DATABASE_PATH } = env();
  globalForDb.playgroundDbOpening ??= openDb(DATABASE_URL ?? DATABASE_PATH).then(async (db) => {
    await adopt(db);
    return db;
  });
  return globalForDb.playgroundDbOpening;
}

function open() {
  if (!globalForDb.playgroundDb) {
    const { DATABASE_URL, DATABASE_PATH } = env();
    // PostgreSQL opens asynchronously, at start; SQLite can open here, on first use, as well.
    if (DATABASE_URL) throw new Error("The PostgreSQL database is not open yet (openAppDb runs at start)");
    // On SQLite the instance's registration runs synchronously, within this call.
    adopt(openSqlite(DATABASE_PATH)).catch((err) => console.warn("[instances] start failed:", err));
  }
  return globalForDb.playgroundDb as { db: Db; instanceId: string };
}

export function getDb(): Db {
  return open().db;
}

/** This process's id in the instances table, recorded on the answers it streams. */
export function getInstanceId(): string {
  return open().instanceId;
}
