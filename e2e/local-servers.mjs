// Helpers for the scripts that start their own servers (bench, load test): a free port, a readiness wait,
// children killed on exit, process trees with their memory and CPU time (Linux /proc).
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Run a command in the foreground (stdio inherited) with `env`, passing SIGINT/SIGTERM/SIGHUP on to it; resolves
 * with its exit code (128 + the signal's number when a signal ended it, 127 when it cannot start). `label`
 * names the wrapper in its messages.
 */
export function runForwarding(command, args, env, label) {
  const child = spawn(command, args, { stdio: "inherit", env });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  return new Promise((resolve) => {
    child.once("error", (error) => {
      console.error(`${label}: cannot run ${command}: ${error.message}`);
      resolve(127);
    });
    child.once("exit", (code, signal) => resolve(code ?? 128 + (os.constants.signals[signal] ?? 0)));
  });
}

/** Resolves once `url` answers 2xx; throws after `timeoutMs`. */
export async function waitForOk(url, timeoutMs = 90_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

/** Child processes started through `startChild`, killed (with their process groups) on exit, Ctrl-C or failure. */
const children = new Set();
let exitHooked = false;

function killChildren() {
  for (const child of children) {
    try {
      // Negative pid: the child's whole process group (next start, npm start and what they spawn).
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  children.clear();
}

/**
 * Spawns a long-running child in its own process group and remembers it: every one is killed when this
 * process exits, is interrupted, or throws.
 */
export function startChild(command, args, options) {
  if (!exitHooked) {
    exitHooked = true;
    process.on("exit", killChildren);
    for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"])
      process.on(sig, () => {
        killChildren();
        process.exit(130);
      });
  }
  const child = spawn(command, args, { ...options, detached: true });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

/** Stops a child started with `startChild` (its process group) and resolves when it has exited. */
export function stopChild(child, signal = "SIGTERM") {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, 5000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    try {
      process.kill(-child.pid, signal);
    } catch {
      resolve();
    }
  });
}

function procStat(pid) {
  try {
    // The command name may contain spaces and parentheses: fields start after the last ")".
    const raw = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return raw.slice(raw.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/** `pid` and all its descendants (Linux /proc), each with its command line. */
export function processTree(pid) {
  const parents = new Map();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(entry);
    if (stat) parents.set(Number(entry), Number(stat[1]));
  }
  const out = [];
  const walk = (p) => {
    let cmd = "";
    try {
      cmd = fs.readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
    } catch {
      return;
    }
    out.push({ pid: p, cmd });
    for (const [child, parent] of parents) if (parent === p) walk(child);
  };
  walk(pid);
  return out;
}

/** Resident memory (VmRSS) of a process, in bytes; 0 when it is gone. */
export function rssBytes(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

const CLOCK_TICKS_PER_SECOND = 100;

/** User + system CPU time of a process tree so far, in ms (10 ms resolution on Linux). */
export function treeCpuMs(pid) {
  let ticks = 0;
  for (const { pid: p } of processTree(pid)) {
    const stat = procStat(p);
    if (stat) ticks += Number(stat[11]) + Number(stat[12]);
  }
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}
