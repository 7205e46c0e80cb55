import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createScratchDatabase } from "@/db/pg/scratch-database";

/**
 * Point lib/db at a fresh database for this test file and open it: a SQLite file (":memory:" with `memory`)
 * or, when TEST_DATABASE_URL names a PostgreSQL server, a new database on it. Call it before anything reads
 * the environment (lib/env reads it once).
 */
export async function openTestAppDb(prefix: string, opts: { memory?: boolean } = {}): Promise<void> {
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    process.env.DATABASE_URL = (await createScratchDatabase(server, prefix)).url;
    process.env.PLAYGROUND_SECRET ??= "unit-test-secret-unit-test-secret-0000";
  } else {
    delete process.env.DATABASE_URL;
    process.env.DATABASE_PATH = opts.memory
      ? ":memory:"
      : path.join(fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`)), "t.db");
  }
  const { openAppDb } = await import("@/lib/db");
  await openAppDb();
}
