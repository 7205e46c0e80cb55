/** How often a server instance records that it is alive, and how long a silent one is still presumed alive. */
export const HEARTBEAT_MS = 10_000;
export const LEASE_MS = 30_000;

export interface InstanceRecord {
  id: string;
  pid: number;
  hostname: string;
  heartbeatAt: number;
}

export interface LeaseContext {
  now: number;
  /** the judging instance */
  self: { id: string; pid: number; hostname: string };
  /** whether a process with this pid exists on this host (it may be an unrelated process reusing the pid) */
  pidAlive: (pid: number) => boolean;
  leaseMs?: number;
}

/**
 * Whether a registered instance is gone, so its "streaming" answers will never finish. On the same host a
 * missing process is gone at once (kill -9 then restart marks the partial answer right away), and so is an
 * earlier incarnation with our own pid (a container restarting as pid 1). Otherwise — another host, or a live
 * pid that may have been reused — only a heartbeat older than the lease proves it gone.
 */
export function isInstanceGone(i: InstanceRecord, ctx: LeaseContext): boolean {
  if (i.id === ctx.self.id) return false;
  if (i.hostname === ctx.self.hostname) {
    if (i.pid === ctx.self.pid || !ctx.pidAlive(i.pid)) return true;
  }
  return ctx.now - i.heartbeatAt > (ctx.leaseMs ?? LEASE_MS);
}

/** process.kill(pid, 0) probes without signalling: ESRCH means no such process; EPERM means it exists. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
