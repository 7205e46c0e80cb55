/**
 * A fresh, empty database on a PostgreSQL server, for one test file or one run (the server's URL is
 * TEST_DATABASE_URL, e.g. from e2e/pg/with-postgres.mjs). Imports only packages.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

export interface ScratchDatabase {
  /** the server's URL with the new database's name as its path */
  url: string;
  name: string;
  /** drop it, closing whatever connections are still open on it */
  drop(): Promise<void>;
}

async function onServer<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createScratchDatabase(serverUrl: string, prefix = "test"): Promise<ScratchDatabase> {
  // lower-case letters, digits and _ only: a plain identifier, nothing to quote
  const name = `${prefix.toLowerCase().replace(/[^a-z0-9_]/g, "_")}_${randomBytes(6).toString("hex")}`;
  await onServer(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () =>
      onServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}
