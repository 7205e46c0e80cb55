import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { findPostgresBin, startPostgres } from "./postgres.mjs";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

function available(): boolean {
  try {
    findPostgresBin();
    return true;
  } catch {
    return false;
  }
}

async function query(url: string, text: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

// Needs the PostgreSQL server binaries (Debian's postgresql package); skipped without them.
describe.skipIf(!available())("throwaway PostgreSQL (e2e/pg)", () => {
  it("starts a fresh UTF-8 cluster on 127.0.0.1 behind a password, and stop() removes it", async () => {
    const server = await startPostgres();
    try {
      const [settings] = await query(
        server.url,
        `SELECT current_setting('listen_addresses') AS listen, current_setting('fsync') AS fsync,
          current_setting('server_encoding') AS encoding, current_setting('lc_ctype') AS ctype`,
      );
      expect(settings).toEqual({ listen: "127.0.0.1", fsync: "off", encoding: "UTF8", ctype: "C.UTF-8" });
      const wrong = new URL(server.url);
      wrong.password = "wrong";
      await expect(query(wrong.toString(), "SELECT 1")).rejects.toThrow(/password authentication failed/);
    } finally {
      await server.stop();
    }
    expect(fs.existsSync(server.dir)).toBe(false);
    await expect(query(server.url, "SELECT 1")).rejects.toThrow(/ECONNREFUSED/);
  }, 60_000);

  it("with-postgres.mjs runs a command with TEST_DATABASE_URL and exits with its code", () => {
    const probe = `
      const url = process.env.TEST_DATABASE_URL;
      if (!url?.startsWith("postgres://")) process.exit(9);
      const client = new (require("pg").Client)({ connectionString: url });
      client.connect().then(() => client.query("SELECT 1")).then(() => process.exit(7), () => process.exit(8));`;
    const run = spawnSync(
      process.execPath,
      ["e2e/pg/with-postgres.mjs", "--", process.execPath, "-e", probe],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(run.stderr).toMatch(/with-postgres: PostgreSQL on 127\.0\.0\.1:\d+ \(started in \d+ ms\)/);
    expect(run.stderr).toMatch(/with-postgres: stopped in \d+ ms/);
    expect(run.status).toBe(7);
    expect(spawnSync(process.execPath, ["e2e/pg/with-postgres.mjs"], { cwd: ROOT }).status).toBe(2);
  }, 60_000);
});
