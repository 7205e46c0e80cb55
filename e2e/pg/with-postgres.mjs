#!/usr/bin/env node
/**
 * Run a command against a throwaway PostgreSQL (e2e/pg/postgres.mjs):
 *
 *   node e2e/pg/with-postgres.mjs -- npm run test:unit
 *
 * starts a fresh server, runs the command with TEST_DATABASE_URL set to it (tests make databases of their own
 * there: db/test-db.ts, lib/testing/app-db.ts, e2e/pg/with-database.mjs), stops the
 * server (also on SIGINT/SIGTERM/SIGHUP, after passing the signal on to the command), and exits with the
 * command's code (128 + the signal's number when a signal ended it).
 */
import { runForwarding } from "../local-servers.mjs";
import { PostgresUnavailableError, startPostgres } from "./postgres.mjs";

const separator = process.argv.indexOf("--");
const [command, ...args] = separator === -1 ? process.argv.slice(2) : process.argv.slice(separator + 1);
if (!command) {
  console.error("usage: node e2e/pg/with-postgres.mjs -- <command> [args…]");
  process.exit(2);
}

let pg;
try {
  pg = await startPostgres();
} catch (error) {
  console.error(error instanceof PostgresUnavailableError ? error.message : error);
  process.exit(1);
}
console.error(`with-postgres: PostgreSQL on 127.0.0.1:${pg.port} (started in ${pg.startMs} ms)`);

const exitCode = await runForwarding(
  command,
  args,
  { ...process.env, TEST_DATABASE_URL: pg.url },
  "with-postgres",
);

const stopping = performance.now();
try {
  await pg.stop();
  console.error(`with-postgres: stopped in ${Math.round(performance.now() - stopping)} ms`);
} catch (error) {
  console.error(`with-postgres: could not stop PostgreSQL cleanly: ${error.message}`);
}
process.exit(exitCode);
