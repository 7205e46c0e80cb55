#!/usr/bin/env node
/**
 * Run a command (an app server of the e2e suite) on a database of its own:
 *
 *   node e2e/pg/with-database.mjs <name> -- <command> [args…]
 *
 * With TEST_DATABASE_URL (a PostgreSQL server, e.g. from with-postgres.mjs), a fresh database named after
 * <name> is made on it and passed as DATABASE_URL, and dropped when the command ends; without it, the
 * command runs as it is (its DATABASE_PATH names its SQLite file).
 */
import { createScratchDatabase } from "../../db/pg/scratch-database.ts";
import { runForwarding } from "../local-servers.mjs";

const separator = process.argv.indexOf("--");
const name = process.argv[2];
const [command, ...args] = process.argv.slice(separator + 1);
if (separator === -1 || !name || !command) {
  console.error("usage: node e2e/pg/with-database.mjs <name> -- <command> [args…]");
  process.exit(2);
}

const server = process.env.TEST_DATABASE_URL;
const scratch = server ? await createScratchDatabase(server, name) : undefined;
const env = { ...process.env };
if (scratch) {
  env.DATABASE_URL = scratch.url;
  // Required with DATABASE_URL (the instances on one database share it); any value will do for a test.
  env.PLAYGROUND_SECRET ??= `e2e-secret-${name}-0123456789abcdef0123456789`;
} else delete env.DATABASE_URL;

const exitCode = await runForwarding(command, args, env, "with-database");
// The server's pool may still hold connections a moment: DROP … WITH (FORCE) closes them.
await scratch
  ?.drop()
  .catch((error) => console.error(`with-database: could not drop ${scratch.name}:`, error));
process.exit(exitCode);
