import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * The instance secret that signs sessions: PLAYGROUND_SECRET when given (several instances behind one
 * address must share it), else a random value made at first need and kept beside the database (mode 0600),
 * so sessions survive restarts. Two instances starting together agree: the file is created atomically and
 * the loser reads the winner's.
 */
export function loadOrCreateSecret(databasePath: string, fromEnv: string | undefined): string {
  if (fromEnv) return fromEnv;
  if (databasePath === ":memory:") return randomBytes(32).toString("base64url");
  const file = path.join(path.dirname(path.resolve(databasePath)), "session-secret");
  try {
    return readSecret(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written aside, then linked into place: a reader never sees a half-written file, and link() fails when
  // another process got there first.
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  fs.writeFileSync(temp, randomBytes(32).toString("base64url"), { mode: 0o600 });
  try {
    fs.linkSync(temp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  } finally {
    fs.rmSync(temp, { force: true });
  }
  return readSecret(file);
}

function readSecret(file: string): string {
  const secret = fs.readFileSync(file, "utf8").trim();
  if (secret.length < 32)
    throw new Error(`${file} is too short to be a session secret; delete it to make a new one`);
  return secret;
}
