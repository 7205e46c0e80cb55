import "server-only";
import fs from "node:fs";
import os from "node:os";
import type { Db } from "@/db/client";
import * as iq from "@/db/queries/instances";
import { HEARTBEAT_MS, isInstanceGone, pidAlive } from "./instance-lease";

/**
 * Register this server process in the database it shares with any other instance, mark the answers that
 * dead instances left streaming as interrupted, and keep doing both every HEARTBEAT_MS. Returns this
 * instance's id, recorded on the answers it streams, and when its first registration and sweep are done.
 */
export function startInstance(db: Db): { id: string; ready: Promise<void> } {
  const self = { id: crypto.randomUUID(), pid: process.pid, hostname: hostIdentity() };
  const register = () => iq.registerInstance(db, { ...self, startedAt: Date.now() });
  const sweep = () => iq.sweepInterrupted(db, (i) => isInstanceGone(i, { now: Date.now(), self, pidAlive }));
  const ready = (async () => {
    await register();
    await sweep();
  })();
  const timer = setInterval(async () => {
    try {
      // Judged gone after a long stall (e.g. a suspended machine): come back under the same id.
      if (!(await iq.heartbeat(db, self.id))) await register();
      await sweep();
    } catch (err) {
      console.warn("[instances] heartbeat failed:", err instanceof Error ? err.message : err);
    }
  }, HEARTBEAT_MS);
  timer.unref();
  return { id: self.id, ready };
}

/**
 * The host as far as pids tell: the host name and, on Linux, the pid namespace. Pids are only comparable
 * within one namespace, and two containers on one machine can share a host name (host networking), each
 * running the server as pid 1: judged by pid, each would take the other for a dead earlier incarnation of
 * itself and mark its live answers interrupted. Another namespace is judged by its heartbeat alone.
 */
function hostIdentity(): string {
  try {
    return `${os.hostname()} ${fs.readlinkSync("/proc/self/ns/pid")}`;
  } catch {
    return os.hostname();
  }
}
