import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { freePort } from "../../e2e/local-servers.mjs";

/**
 * A throwaway redis-server for tests (unit, e2e, load test): no persistence, on a free port of 127.0.0.1.
 * Written in erasable TypeScript so that plain Node scripts can import it too.
 */
export interface TestRedis {
  url: string;
  port: number;
  /** kill -9 the server (an outage); start() brings one back on the same port */
  kill(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The redis-server binary on PATH, or undefined when it is not installed. */
export function findRedisServer(): string | undefined {
  const found = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" });
  const bin = found.stdout.trim();
  return found.status === 0 && bin ? bin : undefined;
}

function launch(bin: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    bin,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  return new Promise((resolve, reject) => {
    let out = "";
    const onData = (d: Buffer) => {
      out += d;
      if (out.includes("Ready to accept connections")) {
        child.stdout?.off("data", onData);
        child.stdout?.resume();
        resolve(child);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.resume();
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${out.slice(-500)}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Start a redis-server, or undefined when redis-server is not installed. */
export async function startTestRedis(): Promise<TestRedis | undefined> {
  const bin = findRedisServer();
  if (!bin) return undefined;
  const port = await freePort();
  let child: ChildProcess | undefined = await launch(bin, port);
  const kill = async (signal: NodeJS.Signals) => {
    const c = child;
    child = undefined;
    if (!c) return;
    c.kill(signal);
    await exited(c);
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill: () => kill("SIGKILL"),
    start: async () => {
      child ??= await launch(bin, port);
    },
    stop: () => kill("SIGTERM"),
  };
}
