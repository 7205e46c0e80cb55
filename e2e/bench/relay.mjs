// Target 5: the relay. Time to first token through POST /api/chat vs straight from the fake provider vs
// through a byte pass-through proxy (interleaved, median); CPU per relayed chunk at about one chunk per ms
// (the server's process-tree CPU time from /proc, minus the same span idle); whether the event stream is
// compressed for a client that accepts gzip; WAL bytes written per answer.
import fs from "node:fs";
import http from "node:http";
import Database from "better-sqlite3";
import { treeCpuMs } from "../local-servers.mjs";
import { markdownDoc, median, postChat, postCompletion, row, sleep, uid } from "./common.mjs";

const FAST_ANSWER = "Hello there, this is the first token test of the relay.";

async function timeToFirstToken(ctx) {
  const { marker } = await ctx.fake.script({ reasoning: "", answer: FAST_ANSWER });
  const direct = [];
  const proxied = [];
  const app = [];
  for (let i = 0; i < 3; i++) await postChat(ctx.base, `warm ${marker}`); // routes, pools, statements
  for (let i = 0; i < ctx.opts.runs; i++) {
    direct.push((await postCompletion(ctx.fakeUrl, `Hi ${marker}`)).firstTokenMs);
    proxied.push((await postCompletion(ctx.proxyUrl, `Hi ${marker}`)).firstTokenMs);
    app.push((await postChat(ctx.base, `Hi ${marker}`)).firstTokenMs);
  }
  return { direct: median(direct), proxied: median(proxied), app: median(app) };
}

/**
 * CPU of `pid`'s process tree while `work` runs, minus the same span idle. `deltas`: the delta events the
 * client received (the app may merge several provider chunks into one event, so the caller divides by the
 * provider's chunk count, counted through the pass-through).
 */
async function cpuWhile(pid, work) {
  const idleStart = treeCpuMs(pid);
  const t0 = performance.now();
  const result = await work();
  const spanMs = performance.now() - t0;
  const busy = treeCpuMs(pid) - idleStart;
  const idleFrom = treeCpuMs(pid);
  await sleep(spanMs);
  const idle = treeCpuMs(pid) - idleFrom;
  return { cpuMs: busy - idle, deltas: result.deltas, spanMs, busy, idle };
}

function compressedFor(base, text) {
  const body = JSON.stringify({
    conversationId: `bench-${uid()}`,
    trigger: "submit",
    message: { id: `m-${uid()}`, text },
    providerId: "aimlapi",
    modelId: "deepseek/deepseek-v3.2-speciale",
    params: {},
  });
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}/api/chat`,
      {
        method: "POST",
        headers: { "content-type": "application/json", "accept-encoding": "gzip, deflate, br" },
      },
      (res) => {
        res.resume();
        res.on("end", () =>
          resolve({ encoding: res.headers["content-encoding"] ?? "none", type: res.headers["content-type"] }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * WAL bytes one answer of `words` words (streamed at 500 words/s, in a new chat) writes: the WAL is checkpointed
 * and truncated (TRUNCATE) from a second connection before the turn, its size read after; the same span idle
 * (heartbeats) is measured the same way and subtracted. Even the long answer is small enough that the app's
 * auto-checkpoint (1,000 pages) does not restart the WAL.
 */
async function walPerAnswer(ctx, words) {
  const answer = markdownDoc(words);
  const { marker } = await ctx.fake.script({ reasoning: "", answer, chunkSize: 5, chunkDelayMs: 10 });
  const db = new Database(ctx.dbPath);
  const wal = `${ctx.dbPath}-wal`;
  const truncate = () => {
    const [r] = db.pragma("wal_checkpoint(TRUNCATE)");
    if (r.busy) throw new Error("relay: could not truncate the WAL (a reader held it)");
  };
  const size = () => (fs.existsSync(wal) ? fs.statSync(wal).size : 0);
  try {
    truncate();
    const t0 = performance.now();
    await postChat(ctx.base, `Write ${marker}`);
    const turnBytes = size();
    const spanMs = performance.now() - t0;
    truncate();
    await sleep(spanMs);
    const idleBytes = size();
    return { walBytes: turnBytes - idleBytes, answerBytes: Buffer.byteLength(answer), turnBytes, idleBytes };
  } finally {
    db.close();
  }
}

/**
 * Time to the first byte of a response, over one kept-alive connection (median of `runs`, after 20 warm-ups):
 * what any request costs before the handler's own work.
 */
async function firstByteMs(url, runs) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const once = () =>
    new Promise((resolve, reject) => {
      const t0 = performance.now();
      http
        .get(url, { agent }, (res) => {
          res.once("data", () => resolve(performance.now() - t0));
          res.resume();
        })
        .on("error", reject);
    });
  try {
    for (let i = 0; i < 20; i++) await once();
    const times = [];
    for (let i = 0; i < runs; i++) times.push(await once());
    return median(times);
  } finally {
    agent.destroy();
  }
}

export async function relay(ctx) {
  const ttft = await timeToFirstToken(ctx);
  // The floor under the first token: Next's own cost per request (its proxy, routing, a handler that does
  // almost nothing) against a bare Node server's.
  const floor = {
    next: await firstByteMs(`${ctx.base}/api/health`, ctx.opts.runs * 3),
    node: await firstByteMs(`${ctx.proxyUrl}/plain`, ctx.opts.runs * 3),
  };
  const steady = { reasoning: "", answer: markdownDoc(5000), chunkSize: 1, chunkDelayMs: 1 };
  const { marker } = await ctx.fake.script(steady);
  await postChat(ctx.base, `warm ${marker}`);
  const app = await cpuWhile(ctx.appPid, () => postChat(ctx.base, `Go ${marker}`));
  const proxy = await cpuWhile(ctx.proxyPid, () => postCompletion(ctx.proxyUrl, `Go ${marker}`));
  // Per chunk the provider sent (one word each), the same for both.
  const chunks = proxy.deltas;
  const appCpu = { ...app, chunks, usPerChunk: (app.cpuMs * 1000) / chunks };
  const proxyCpu = { ...proxy, chunks, usPerChunk: (proxy.cpuMs * 1000) / chunks };
  const quick = await ctx.fake.script({ reasoning: "", answer: FAST_ANSWER });
  const gz = await compressedFor(ctx.base, `Zip ${quick.marker}`);
  // 3,000 words (16 kB) as before, and 19,000 (100 kB): the product's answers run to tens of thousands of tokens,
  // and a short one cannot reach 3× with 4 kB pages (README, Data and durability).
  const wals = [await walPerAnswer(ctx, 3000), await walPerAnswer(ctx, 19_000)];
  const r1 = (x) => Math.round(x * 10) / 10;
  return {
    rows: [
      row(`time to first token, provider direct (median of ${ctx.opts.runs})`, r1(ttft.direct), {
        unit: "ms",
      }),
      row("time to first token added by a byte pass-through proxy", r1(ttft.proxied - ttft.direct), {
        unit: "ms",
      }),
      row("time to first token added by POST /api/chat", r1(ttft.app - ttft.direct), {
        unit: "ms",
        anchor: r1(ttft.proxied - ttft.direct),
        anchorLabel: "pass-through proxy",
        target: "≤ 2 ms",
        pass: ttft.app - ttft.direct <= 2,
      }),
      row("first byte of GET /api/health (Next's cost per request)", r1(floor.next), {
        unit: "ms",
        anchor: r1(floor.node),
        anchorLabel: "a bare Node server",
      }),
      row("CPU per relayed chunk at ~1 chunk/ms", Math.round(appCpu.usPerChunk), {
        unit: `µs (${chunks} chunks in ${Math.round(appCpu.spanMs)} ms, relayed as ${appCpu.deltas} events)`,
        anchor: Math.round(proxyCpu.usPerChunk),
        anchorLabel: "pass-through proxy",
        target: "≤ 50 µs",
        pass: appCpu.usPerChunk <= 50,
      }),
      row("event stream compressed for Accept-Encoding: gzip", gz.encoding, {
        target: "none",
        pass: gz.encoding === "none",
      }),
      ...wals.map((wal) => {
        const ratio = wal.walBytes / wal.answerBytes;
        return row(
          `WAL bytes per answer ÷ answer bytes (${Math.round(wal.answerBytes / 1024)} kB answer)`,
          r1(ratio),
          {
            unit: "×",
            target: "≤ 3×",
            pass: ratio <= 3,
          },
        );
      }),
    ],
    details: { ttft, floor, appCpu, proxyCpu, compression: gz, wal: wals },
  };
}
