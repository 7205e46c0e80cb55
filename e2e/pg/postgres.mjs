/**
 * A throwaway PostgreSQL server for tests and CI: `initdb` into a fresh temporary directory, started with
 * `pg_ctl` on a free port, listening on 127.0.0.1 only (its socket in that directory), tuned for speed over
 * durability (fsync off), removed by stop(). Needs the server binaries (initdb, pg_ctl, postgres) — Debian's
 * `postgresql` package; nothing is installed from here. PostgreSQL refuses to run as root: when we are root
 * it runs as the `postgres` OS user (runuser), else as ourselves.
 *
 *   import { startPostgres } from "./e2e/pg/postgres.mjs";
 *   const pg = await startPostgres();   // { url: "postgres://postgres:…@127.0.0.1:…/postgres", … }
 *   await pg.stop();
 *
 * Or wrap a command: node e2e/pg/with-postgres.mjs -- <command> [args…]
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../local-servers.mjs";

const SERVER_USER = "postgres";

/** Settings for a disposable server: durability traded for speed (a crash loses the cluster, which is fine). */
const SETTINGS = {
  listen_addresses: "'127.0.0.1'",
  fsync: "off",
  synchronous_commit: "off",
  full_page_writes: "off",
  // every test may open its own database and pool
  max_connections: "300",
  shared_buffers: "64MB",
  max_wal_size: "1GB",
  checkpoint_timeout: "30min",
  autovacuum: "off",
  log_min_messages: "warning",
  log_min_error_statement: "panic",
};

export class PostgresUnavailableError extends Error {}

/** The directory of initdb/pg_ctl: on PATH, else Debian's /usr/lib/postgresql/<newest>/bin. */
export function findPostgresBin() {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl"))) return dir;
  }
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length > 0) return path.join(root, versions[0], "bin");
  const install = isRoot()
    ? "install it with: apt-get install -y postgresql"
    : "ask an administrator to install PostgreSQL (Debian/Ubuntu: apt-get install -y postgresql)";
  throw new PostgresUnavailableError(`PostgreSQL server binaries (initdb, pg_ctl) not found: ${install}`);
}

function isRoot() {
  return process.getuid?.() === 0;
}

/** As root, the server runs as the `postgres` OS user, which Debian's postgresql package creates. */
function serverUser() {
  try {
    const id = (flag) => Number(execFileSync("id", [flag, SERVER_USER], { encoding: "utf8", stdio: "pipe" }));
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    throw new PostgresUnavailableError(
      `PostgreSQL refuses to run as root, and there is no "${SERVER_USER}" OS user to run it as: ` +
        `install Debian's postgresql package (apt-get install -y postgresql), or run as another user`,
    );
  }
}

/** Run a server binary as the server user, in `cwd` (the postgres user may not be able to enter ours). */
function run(bin, args, cwd) {
  const [file, argv] = isRoot() ? ["runuser", ["-u", SERVER_USER, "--", bin, ...args]] : [bin, args];
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    child.once("error", reject);
    child.once("close", (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${path.basename(bin)} ${args[0] ?? ""} exited with ${code}:\n${output.trim()}`));
    });
  });
}

function tail(file, lines = 20) {
  try {
    return fs.readFileSync(file, "utf8").trim().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

/**
 * Start a fresh PostgreSQL cluster. Resolves to { url, port, password, dir, startMs, stop() }; `url` points at
 * the `postgres` database as the `postgres` superuser (password auth over TCP, so other local users cannot
 * use it). stop() is idempotent and also runs, synchronously, if the process exits first.
 */
export async function startPostgres() {
  const started = performance.now();
  const bin = findPostgresBin();
  const owner = isRoot() ? serverUser() : undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "playground-pg-"));
  const data = path.join(dir, "data");
  const logFile = path.join(dir, "server.log");
  const password = randomBytes(18).toString("base64url");
  const pwfile = path.join(dir, "pwfile");
  fs.writeFileSync(pwfile, password, { mode: 0o600 });
  fs.writeFileSync(logFile, "");
  if (owner) for (const p of [dir, pwfile, logFile]) fs.chownSync(p, owner.uid, owner.gid);

  let stopped = false;
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  const pgCtlStop = ["stop", "-D", data, "-m", "immediate", "-w"];
  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    if (fs.existsSync(path.join(data, "postmaster.pid"))) {
      const [file, argv] = isRoot()
        ? ["runuser", ["-u", SERVER_USER, "--", path.join(bin, "pg_ctl"), ...pgCtlStop]]
        : [path.join(bin, "pg_ctl"), pgCtlStop];
      spawnSync(file, argv, { cwd: dir, stdio: "ignore" });
    }
    removeDir();
  };
  process.once("exit", stopSync);

  try {
    await run(
      path.join(bin, "initdb"),
      [
        "-D",
        data,
        "-U",
        SERVER_USER,
        `--pwfile=${pwfile}`,
        "--auth-local=trust",
        "--auth-host=scram-sha-256",
        "--encoding=UTF8",
        // a UTF-8 character classification, so the text search parser sees letters in every script
        "--locale=C.UTF-8",
        "--no-sync",
        "--no-instructions",
      ],
      dir,
    );
    fs.rmSync(pwfile);
    // A free port can be taken between our probe and the server's bind: try again on another.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const settings = { ...SETTINGS, port: String(port), unix_socket_directories: `'${dir}'` };
      fs.writeFileSync(
        path.join(data, "postgresql.auto.conf"),
        `${Object.entries(settings)
          .map(([k, v]) => `${k} = ${v}`)
          .join("\n")}\n`,
      );
      try {
        await run(path.join(bin, "pg_ctl"), ["start", "-D", data, "-l", logFile, "-w", "-t", "60"], dir);
      } catch (error) {
        if (attempt < 3 && /could not bind|already in use/i.test(tail(logFile))) continue;
        throw new Error(`${error.message}\n--- server log ---\n${tail(logFile)}`);
      }
      const url = `postgres://${SERVER_USER}:${password}@127.0.0.1:${port}/postgres`;
      const startMs = Math.round(performance.now() - started);
      return {
        url,
        port,
        password,
        dir,
        startMs,
        async stop() {
          if (stopped) return;
          stopped = true;
          process.removeListener("exit", stopSync);
          try {
            await run(path.join(bin, "pg_ctl"), pgCtlStop, dir);
          } finally {
            removeDir();
          }
        },
      };
    }
  } catch (error) {
    process.removeListener("exit", stopSync);
    stopSync();
    throw error;
  }
}
