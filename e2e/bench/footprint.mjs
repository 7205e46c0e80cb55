// Target 6: the server's footprint under `npm start`: which processes stay resident (npm, the launcher,
// the server), the idle resident memory, and the memory after 20 concurrent streams have ended.
// `npm start` builds first when the sources are newer than the build; the bench does not wait for that
// and reports the figure as not measured instead.
import { processTree, rssBytes, startChild, stopChild, waitForOk } from "../local-servers.mjs";
import { markdownDoc, postChat, row, sleep } from "./common.mjs";

const STREAMS = 20;
const MB = 1024 * 1024;

const treeRss = (pid) => processTree(pid).reduce((n, p) => n + rssBytes(p.pid), 0);

// Memory after the GC settles. V8 gives freed heap pages back only when a full GC runs, and an idle server
// allocates too little to trigger one: its memory reducer does it, 8 s after the last full GC, or 16 s when
// allocation was still high at its first look. So RSS stays flat for 8-16 s after the load ends and then
// falls: "two samples a second apart agree" stopped right after the streams, before any of that. Settled
// here: flat (within 1 MB) for 20 s in a row, sampled each second, at most 60 s.
const FLAT_SECONDS = 20;
const MAX_SECONDS = 60;

async function settledRss(pid) {
  const samples = [treeRss(pid)];
  while (samples.length <= MAX_SECONDS) {
    await sleep(1000);
    samples.push(treeRss(pid));
    const recent = samples.slice(-(FLAT_SECONDS + 1));
    if (recent.length > FLAT_SECONDS && Math.max(...recent) - Math.min(...recent) < MB) break;
  }
  return { rss: samples.at(-1), seconds: samples.length - 1, samples };
}

export async function footprint(ctx) {
  const output = [];
  const child = startChild("npm", ["start"], {
    cwd: ctx.root,
    env: {
      ...ctx.appEnv,
      PORT: String(ctx.ports.start),
      HOST: "127.0.0.1",
      DATABASE_PATH: `${ctx.dbPath}-start`,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const building = new Promise((resolve) => {
    const look = (d) => {
      output.push(String(d));
      if (/Building/.test(String(d))) resolve(true);
    };
    child.stdout.on("data", look);
    child.stderr.on("data", look);
  });
  const base = `http://127.0.0.1:${ctx.ports.start}`;
  try {
    const ready = await Promise.race([waitForOk(`${base}/api/health`, 60_000).then(() => false), building]);
    if (ready) {
      return {
        rows: [
          row("npm start: resident processes", "n/a (npm start would rebuild: sources newer than the build)"),
        ],
        details: { output: output.join("") },
      };
    }
    const tree = processTree(child.pid);
    const server =
      tree.find((p) => /next-server|next start|next\/dist\/bin\/next/.test(p.cmd)) ?? tree.at(-1);
    const { marker } = await ctx.fake.script({ reasoning: "", answer: "Warm." });
    await postChat(base, `warm ${marker}`);
    const idleSettled = await settledRss(child.pid);
    const idle = idleSettled.rss;
    const serverIdle = rssBytes(server.pid);
    const long = await ctx.fake.script({
      reasoning: "",
      answer: markdownDoc(2000),
      chunkSize: 5,
      chunkDelayMs: 10,
    });
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, treeRss(child.pid));
    }, 200);
    await Promise.all(
      Array.from({ length: STREAMS }, (_, i) => postChat(base, `stream ${i} ${long.marker}`)),
    );
    clearInterval(sampler);
    const afterSettled = await settledRss(child.pid);
    const after = afterSettled.rss;
    const extra = tree.filter((p) => p.pid !== server.pid);
    // npm itself and the shell it runs the script with stay while the server runs; anything else is a launcher.
    const launchers = extra.filter((p) => p.pid !== child.pid && !/^(\/bin\/)?sh -c/.test(p.cmd));
    const extraRss = extra.reduce((n, p) => n + rssBytes(p.pid), 0);
    return {
      rows: [
        row("npm start: processes besides npm and the server", launchers.length, {
          unit: `(all: ${extra.map((p) => p.cmd.split(" ").slice(0, 2).join(" ").replace(/^.*\//, "")).join(", ")}; ${Math.round(extraRss / MB)} MB)`,
          target: "0 (the server exec'd)",
          pass: launchers.length === 0,
        }),
        row("npm start: idle RSS, whole tree", Math.round(idle / MB), {
          unit: `MB (settled after ${idleSettled.seconds} s)`,
        }),
        row("npm start: idle RSS, server process", Math.round(serverIdle / MB), { unit: "MB" }),
        row(`RSS peak during ${STREAMS} concurrent streams`, Math.round(peak / MB), { unit: "MB" }),
        row(`RSS after ${STREAMS} streams end, settled`, Math.round(after / MB), {
          unit: `MB (settled after ${afterSettled.seconds} s)`,
          anchor: Math.round(idle / MB),
          anchorLabel: "idle",
          target: "back to idle (≤ idle + 20 MB)",
          pass: after <= idle + 20 * MB,
        }),
      ],
      details: {
        tree,
        idle,
        serverIdle,
        peak,
        after,
        idleSamplesMB: idleSettled.samples.map((b) => Math.round(b / MB)),
        afterSamplesMB: afterSettled.samples.map((b) => Math.round(b / MB)),
      },
    };
  } finally {
    await stopChild(child);
  }
}
