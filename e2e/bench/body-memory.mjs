// Measures how the server's memory grows when clients send oversized request bodies: starts the production
// build (NEXT_DIST_DIR, default .next) on a temporary database, sends 50 MB bodies chunked (no
// Content-Length; BODY_MEMORY_MB sets the size) to /api/chat and /api/conversations/import, and prints the server's resident memory
// (VmRSS, summed over its process tree) and peak (VmHWM) before and after. Linux only (/proc).
//   NEXT_DIST_DIR=.next-b node_modules/.bin/node e2e/bench/body-memory.mjs
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const PORT = Number(process.env.BODY_MEMORY_PORT || 3299);
const TOTAL = Number(process.env.BODY_MEMORY_MB || 50) * 1024 * 1024;
const ROUNDS = 3;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "body-memory-"));

const server = spawn(
  path.join(ROOT, "node_modules", ".bin", "node"),
  [
    path.join(ROOT, "node_modules", "next", "dist", "bin", "next"),
    "start",
    "-p",
    String(PORT),
    "-H",
    "127.0.0.1",
  ],
  {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_PATH: path.join(dir, "m.db"),
    },
    stdio: ["ignore", "ignore", "inherit"],
  },
);

function tree(pid) {
  const children = fs
    .readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return fs.readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1].split(" ")[1] === String(pid);
      } catch {
        return false;
      }
    })
    .map(Number);
  return [pid, ...children.flatMap(tree)];
}

function memory() {
  let rss = 0;
  let hwm = 0;
  for (const pid of tree(server.pid)) {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    rss += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    hwm += Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }
  return { rssMB: Math.round(rss / 1024), peakMB: Math.round(hwm / 1024) };
}

function postChunked(urlPath) {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    let answered = false;
    const req = http.request(
      `http://127.0.0.1:${PORT}${urlPath}`,
      { method: "POST", headers: { "content-type": "application/json" } },
      (res) => {
        answered = true;
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode, sentMB: Math.round(sent / 1024 / 1024) }));
      },
    );
    req.on("error", (err) => (answered ? undefined : reject(err)));
    const pump = () => {
      while (!answered && sent < TOTAL) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

async function waitReady() {
  for (let i = 0; i < 300; i++) {
    const ok = await fetch(`http://127.0.0.1:${PORT}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("server did not start");
}

try {
  await waitReady();
  // Warm both routes so that compiling/loading them is not counted as growth.
  for (const p of ["/api/chat", "/api/conversations/import"]) {
    await fetch(`http://127.0.0.1:${PORT}${p}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
  }
  const before = memory();
  console.log(`before: rss ${before.rssMB} MB, peak ${before.peakMB} MB`);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const p of ["/api/chat", "/api/conversations/import"]) {
      const r = await postChunked(p);
      const m = memory();
      console.log(
        `round ${round} ${p}: ${r.status} after ${r.sentMB} MB sent; rss ${m.rssMB} MB, peak ${m.peakMB} MB`,
      );
    }
  }
  const after = memory();
  console.log(
    `growth over ${ROUNDS * 2} bodies of ${TOTAL / 1024 / 1024} MB: rss +${after.rssMB - before.rssMB} MB, peak +${after.peakMB - before.peakMB} MB`,
  );
} finally {
  server.kill("SIGTERM");
  fs.rmSync(dir, { recursive: true, force: true });
}
