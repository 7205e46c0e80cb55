/**
 * `npm run db:copy -- --from <source> --to <target>`: copy a playground database between a SQLite file and
 * PostgreSQL, either way (db/copy.ts does the work). Run by plain Node with lib/cli/ts-resolve.mjs.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  type CopyEnd,
  CopyError,
  type CopyReport,
  copyDatabase,
  isPostgresUrl,
  openCopyEnd,
  redactUrl,
} from "../../db/copy";

const HELP = `Copy a playground database between SQLite and PostgreSQL (either way).

  npm run db:copy -- --from data/playground.db --to postgres://user:password@host:5432/playground
  npm run db:copy -- --from postgres://user:password@host:5432/playground --to backup.db

  --from <file|url>    the source: a SQLite file, or a postgres:// (postgresql://) URL
  --to <file|url>      the target: a SQLite file (created if missing) or a PostgreSQL database (it must exist)
  --batch-size <n>     rows read and written at a time (default 200)
  -h, --help           this text

Both databases are brought up to the current schema first (their migrations applied, as npm start would).
The target must be empty: db:copy never merges into or overwrites existing data, and refuses otherwise
(a target with no rows, or a new file, is fine). Stop the app on both databases while copying.
Every table is copied in one transaction on the target, from a consistent snapshot of the source; the
search index is rebuilt by the target itself. Before committing, the row count of every table and a
SHA-256 checksum of every message (id, conversation, role, content, reasoning, status, in id order) are
compared on both sides and printed; on any difference nothing is committed.
Keys saved in Settings are encrypted with the instance secret (PLAYGROUND_SECRET, else the session-secret
file beside the SQLite database): give the instances on the target the same PLAYGROUND_SECRET.`;

export interface CopyArgs {
  from: string;
  to: string;
  batchSize: number;
}

/** The command line, or a message for the user (`help`: print HELP and succeed). */
export function parseCopyArgs(argv: string[]): CopyArgs | { error: string } | { help: true } {
  let values: { from?: string; to?: string; "batch-size"?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        from: { type: "string" },
        to: { type: "string" },
        "batch-size": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (values.help) return { help: true };
  if (!values.from) return { error: "--from is required (a SQLite file or a postgres:// URL)" };
  if (!values.to) return { error: "--to is required (a SQLite file or a postgres:// URL)" };
  const batchSize = values["batch-size"] === undefined ? 200 : Number(values["batch-size"]);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5000) {
    return { error: "--batch-size must be a whole number from 1 to 5000" };
  }
  const same = isPostgresUrl(values.from)
    ? values.from === values.to
    : !isPostgresUrl(values.to) && path.resolve(values.from) === path.resolve(values.to);
  if (same) return { error: "--from and --to are the same database" };
  return { from: values.from, to: values.to, batchSize };
}

/** The verification as printed: one line per table, then the checksums. */
export function formatReport(report: CopyReport): string {
  const width = Math.max(...report.tables.map((t) => t.name.length), "table".length);
  const lines = [
    `${"table".padEnd(width)}  ${"source".padStart(9)}  ${"target".padStart(9)}`,
    ...report.tables.map(
      (t) =>
        `${t.name.padEnd(width)}  ${String(t.source).padStart(9)}  ${String(t.target).padStart(9)}${t.source === t.target ? "" : "  ≠"}`,
    ),
    `messages checksum (sha256)  source ${report.checksum.source}`,
    `                            target ${report.checksum.target}`,
  ];
  return lines.join("\n");
}

const label = (target: string) => (isPostgresUrl(target) ? redactUrl(target) : target);

async function main(): Promise<number> {
  const args = parseCopyArgs(process.argv.slice(2));
  if ("help" in args) {
    console.log(HELP);
    return 0;
  }
  if ("error" in args) {
    console.error(`db:copy: ${args.error}\n\n${HELP}`);
    return 2;
  }
  const root = path.resolve(import.meta.dirname, "..", "..");
  // A SQLite target created here is removed again if the copy does not complete.
  const createdFile = !isPostgresUrl(args.to) && !fs.existsSync(args.to) ? path.resolve(args.to) : undefined;
  const ends: CopyEnd[] = [];
  let code = 1;
  try {
    ends.push(await openCopyEnd(args.from, root, "source"));
    ends.push(await openCopyEnd(args.to, root, "target"));
    console.log(`db:copy: ${label(args.from)} → ${label(args.to)}`);
    let shown = performance.now();
    const report = await copyDatabase(ends[0], ends[1], {
      batchSize: args.batchSize,
      onProgress: (table, copied, total) => {
        // a line per table, and every 5 s through a long one
        if (copied === total || performance.now() - shown > 5000) {
          console.log(`  ${table}: ${copied}${copied === total ? "" : ` of ${total}`} rows`);
          shown = performance.now();
        }
      },
    });
    console.log(`\n${formatReport(report)}\n\ncopied and verified in ${(report.ms / 1000).toFixed(1)} s`);
    if ((report.tables.find((t) => t.name === "provider_configs")?.source ?? 0) > 0) {
      console.log(
        "note: keys saved in Settings are encrypted with the source instance's secret: run the target's " +
          "instances with the same PLAYGROUND_SECRET (or enter the keys again).",
      );
    }
    code = 0;
  } catch (error) {
    // the message is what the user can act on (a refused target, an unreachable server, a file that is not
    // a database); a stack only for what looks like a bug here
    const known = error instanceof CopyError || (error as { code?: unknown }).code !== undefined;
    console.error(`db:copy: ${known ? (error as Error).message : (error as Error).stack}`);
  } finally {
    for (const end of ends.reverse()) await end.close();
    if (code !== 0 && createdFile) {
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${createdFile}${suffix}`, { force: true });
    }
  }
  return code;
}

if (import.meta.main) process.exitCode = await main();
