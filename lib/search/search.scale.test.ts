import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openSqlite } from "@/db/client";
import { sqliteOf } from "@/db/test-db";
import { search } from "./search";

/**
 * Search at the scale: 10,000 conversations (20,000 questions and 20,000 answers with reasoning,
 * ~5 M words of Zipf-distributed text), on a real SQLite file with the committed migrations. Slow to seed
 * (~30 s), so it runs only with SEARCH_SCALE=1: `SEARCH_SCALE=1 npm run test:unit -- lib/search/search.scale`.
 * Prints the median server-side time of each query.
 */
const CONVERSATIONS = 10_000;
const VOCABULARY = 8_000;
const TARGET_MS = 50;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const syllables = ["ta", "re", "mo", "ki", "lu", "sen", "dor", "pha", "vi", "gel", "nu", "qua", "bri", "zo"];
const words = Array.from({ length: VOCABULARY }, (_, i) => {
  let w = "";
  for (let n = i + 1; n > 0; n = Math.floor(n / syllables.length)) w += syllables[n % syllables.length];
  return w;
});

let dir: string;
let db: Db;

describe.runIf(process.env.SEARCH_SCALE === "1")("search over 10,000 conversations", () => {
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pg-search-scale-"));
    db = openSqlite(process.env.SEARCH_SCALE_DB ?? path.join(dir, "scale.db"));
    const random = rng(42);
    // Zipf: word i is drawn with probability ∝ 1/(i+1).
    const harmonic = words.map((_, i) => 1 / (i + 1));
    const total = harmonic.reduce((a, b) => a + b, 0);
    const cumulative: number[] = [];
    harmonic.reduce((acc, h, i) => {
      cumulative[i] = (acc + h) / total;
      return acc + h;
    }, 0);
    const word = () => {
      const r = random();
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] < r) lo = mid + 1;
        else hi = mid;
      }
      return words[lo];
    };
    const text = (n: number) => Array.from({ length: n }, word).join(" ");
    const sqlite = sqliteOf(db);
    const conv = sqlite.prepare(
      "INSERT INTO conversations (id, owner_id, title, provider_id, model_id, params, created_at, updated_at) VALUES (?, 'local', ?, 'offline', 'offline/ngram', '{}', ?, ?)",
    );
    const msg = sqlite.prepare(
      "INSERT INTO messages (id, conversation_id, seq, role, content, reasoning, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'complete', ?)",
    );
    sqlite.transaction(() => {
      for (let i = 0; i < CONVERSATIONS; i++) {
        const id = `c${i}`;
        const at = 1_700_000_000_000 + i * 60_000;
        conv.run(id, text(5), at, at);
        for (let seq = 0; seq < 4; seq += 2) {
          msg.run(`${id}-${seq}`, id, seq, "user", text(20 + Math.floor(random() * 40)), null, at + seq);
          msg.run(
            `${id}-${seq + 1}`,
            id,
            seq + 1,
            "assistant",
            text(80 + Math.floor(random() * 150)),
            text(60 + Math.floor(random() * 100)),
            at + seq + 1,
          );
        }
      }
    })();
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
  }, 300_000);
  afterAll(() => {
    if (db) sqliteOf(db).close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const queries: [string, string][] = [
    ["the most common word", words[0]],
    ["a common word (rank 10)", words[9]],
    ["a mid word (rank 500)", words[499]],
    ["a rare word (rank 7,000)", words[6999]],
    ["two common words", `${words[1]} ${words[2]}`],
    ["a word being typed (4-letter prefix)", words[30].slice(0, 4)],
    ["a word being typed (6-letter prefix)", words[300].slice(0, 6)],
    ["one letter", "t"],
    ["no match", "zzzzzz"],
  ];

  it.each(queries)(`%s answers in < ${TARGET_MS} ms`, async (_, q) => {
    await search("local", q, db); // warm: statements prepared, pages cached
    const times: number[] = [];
    let count = 0;
    for (let i = 0; i < 9; i++) {
      const t0 = performance.now();
      count = (await search("local", q, db)).length;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const median = times[4];
    console.log(`search ${JSON.stringify(q)}: ${median.toFixed(1)} ms median, ${count} results`);
    expect(median).toBeLessThan(TARGET_MS);
  });
});
