/**
 * A fresh database on a PostgreSQL server, for one test file or one run (the server's URL is
 * TEST_DATABASE_URL, e.g. from e2e/pg/with-postgres.mjs). Imports only packages (and ./connect).
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { connectPg } from "./connect";

const MIGRATIONS = path.join(import.meta.dirname, "migrations");

/** Serialises the creation of the template among test workers (any constant, distinct from the app's locks). */
const TEMPLATE_LOCK = 7_391_022_117;

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

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Named after the migrations it holds: a new migration makes a new template, never a stale one. */
function templateName(): string {
  const hash = createHash("sha256");
  for (const file of fs
    .readdirSync(MIGRATIONS)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    hash.update(file).update(fs.readFileSync(path.join(MIGRATIONS, file)));
  }
  return `playground_template_${hash.digest("hex").slice(0, 16)}`;
}

const templates = new Map<string, Promise<string>>();

/**
 * A database with every migration applied, made once per server (and migration set) and copied by CREATE
 * DATABASE … TEMPLATE: about half the time of migrating each new database. Connections to it are then refused,
 * since PostgreSQL copies a template only while nobody is connected to it.
 */
function migratedTemplate(serverUrl: string): Promise<string> {
  let template = templates.get(serverUrl);
  if (!template) {
    template = onServer(serverUrl, async (client) => {
      const name = templateName();
      await client.query("SELECT pg_advisory_lock($1)", [TEMPLATE_LOCK]);
      try {
        const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
        if (rowCount === 0) {
          await client.query(`CREATE DATABASE ${name}`);
          try {
            const db = await connectPg(withDatabase(serverUrl, name), {}, MIGRATIONS);
            await db.$client.end();
          } catch (error) {
            // not left half-migrated for the next run to copy
            await client.query(`DROP DATABASE ${name} WITH (FORCE)`);
            throw error;
          }
          await client.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
        }
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [TEMPLATE_LOCK]);
      }
      return name;
    });
    templates.set(serverUrl, template);
    template.catch(() => templates.delete(serverUrl));
  }
  return template;
}

/**
 * A new database on the server at `serverUrl`, its migrations already applied (opening it finds nothing to
 * do), or with nothing in it at all (`empty`: to test the migrations themselves).
 */
export async function createScratchDatabase(
  serverUrl: string,
  prefix = "test",
  { empty = false }: { empty?: boolean } = {},
): Promise<ScratchDatabase> {
  // lower-case letters, digits and _ only: a plain identifier, nothing to quote
  const name = `${prefix.toLowerCase().replace(/[^a-z0-9_]/g, "_")}_${randomBytes(6).toString("hex")}`;
  const template = empty ? undefined : await migratedTemplate(serverUrl);
  await onServer(serverUrl, (c) =>
    c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ""}`),
  );
  return {
    url: withDatabase(serverUrl, name),
    name,
    drop: async () => {
      await onServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
