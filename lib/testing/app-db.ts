import { newTestDatabase } from "@/db/test-db";

/**
 * Point lib/db at a fresh database for this test file (newTestDatabase: PostgreSQL under TEST_DATABASE_URL,
 * else SQLite, ":memory:" with `memory`) and open it. Call it before anything reads the environment (lib/env
 * reads it once).
 */
export async function openTestAppDb(prefix: string, opts: { memory?: boolean } = {}): Promise<void> {
  const { dialect, target } = await newTestDatabase(prefix, opts);
  if (dialect === "postgres") {
    process.env.DATABASE_URL = target;
    process.env.PLAYGROUND_SECRET ??= "unit-test-secret-unit-test-secret-0000";
  } else {
    delete process.env.DATABASE_URL;
    process.env.DATABASE_PATH = target;
  }
  const { openAppDb } = await import("@/lib/db");
  await openAppDb();
}
