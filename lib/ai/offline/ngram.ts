import fs from "node:fs";
import path from "node:path";
import { isSentenceEnd, isStopword, isWord, PARAGRAPH, tokenize } from "./tokenizer";

interface CorpusDocument {
  name: string;
  text: string;
}

/** A prompt word (index from `contentWord`) and how much it should pull the reply toward its topic. */
export interface TopicSeed {
  word: number;
  weight: number;
}

/** A whole corpus document to lean toward (e.g. the "reasoning" style document), weighted like a paragraph. */
interface DocumentSeed {
  name: string;
  weight: number;
}

// Absolute discounts of the interpolated trigram→bigram→unigram model. Kept low so that temperature 1
// mostly follows corpus continuations; the backed-off mass is what higher temperatures amplify.
const TRIGRAM_DISCOUNT = 0.2;
const BIGRAM_DISCOUNT = 0.3;
// Add-k on the unigram continuation counts: every word stays possible, but barely.
const UNIGRAM_FLOOR = 0.05;
// Strength of the global model as a prior when adapting to a topic (MAP adaptation):
// P(w | ctx) = (c_topic(ctx, w) + β·P_prior(w | ctx)) / (c_topic(ctx) + β), topic counts in units of the best paragraph.
const TOPIC_TRIGRAM_PRIOR = 1.5;
const TOPIC_BIGRAM_PRIOR = 3;
// Word-level topic bias = strength × min(CAP, log1p(SCALE × over-representation in the matching paragraphs)):
// graded, so a word typical of the topic gains more than one that merely appears there once.
const TOPIC_SCALE = 0.05;
const TOPIC_CAP = 3;
// Share of a matching paragraph's weight spread over the rest of its document, so the topic is broader than one paragraph.
const DOCUMENT_SPREAD = 0.15;
// Paragraphs weighing less than this fraction of the best one are left out of the topic counts.
const MIN_PARAGRAPH_WEIGHT = 0.01;

export function loadCorpus(dir: string): CorpusDocument[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => ({ name: path.basename(f, ".txt"), text: fs.readFileSync(path.join(dir, f), "utf8") }));
}

/** Tokens from..to (inclusive, the closing paragraph token) of document `doc`; content words normalised by length. */
interface Paragraph {
  doc: number;
  from: number;
  to: number;
  words: Int32Array;
  weights: Float64Array;
}

/** Sparse rows packed end to end: row r holds next[start[r]..start[r+1]) with their counts. */
interface CountTable {
  start: Int32Array;
  next: Int32Array;
  count: Int32Array;
  total: Int32Array;
}

function packRows(rows: Map<number, number>[]): CountTable {
  const start = new Int32Array(rows.length + 1);
  rows.forEach((row, r) => {
    start[r + 1] = start[r] + row.size;
  });
  const next = new Int32Array(start[rows.length]);
  const count = new Int32Array(start[rows.length]);
  const total = new Int32Array(rows.length);
  rows.forEach((row, r) => {
    let k = start[r];
    for (const [w, c] of row) {
      next[k] = w;
      count[k++] = c;
      total[r] += c;
    }
  });
  return { start, next, count, total };
}

type WeightedRows = Map<number, { total: number; next: Map<number, number> }>;

function addWeighted(rows: WeightedRows, key: number, w: number, weight: number): void {
  let row = rows.get(key);
  if (!row) {
    row = { total: 0, next: new Map() };
    rows.set(key, row);
  }
  row.total += weight;
  row.next.set(w, (row.next.get(w) ?? 0) + weight);
}

/** Per-request conditioning: weighted n-gram counts of the paragraphs that match the prompt, and a word bias. */
export interface Topic {
  readonly trigrams: WeightedRows;
  readonly bigrams: WeightedRows;
  readonly bias: Float64Array;
}

export class NgramModel {
  readonly vocab: string[] = [];
  readonly paragraph: number;
  private readonly ids = new Map<string, number>();
  private readonly sequences: Int32Array[];
  private readonly bigrams: CountTable;
  private readonly trigrams: CountTable;
  private readonly trigramRow = new Map<number, number>();
  private readonly unigram: Float64Array;
  // Topic index over lower-cased content words.
  private readonly contentIds = new Map<string, number>();
  private readonly contentOf: Int32Array;
  private readonly contentDisplay: number[] = [];
  private readonly contentFreq: number[] = [];
  private readonly postings: number[][] = [];
  private readonly paragraphs: Paragraph[] = [];
  private readonly docNames: string[];
  private readonly docParagraphs: number[];

  constructor(documents: readonly CorpusDocument[]) {
    this.docNames = documents.map((d) => d.name);
    this.docParagraphs = documents.map(() => 0);
    this.paragraph = this.intern(PARAGRAPH);
    this.sequences = documents.map((d) => {
      const ids = tokenize(d.text).map((t) => this.intern(t));
      while (ids[0] === this.paragraph) ids.shift();
      while (ids.at(-1) === this.paragraph) ids.pop();
      return Int32Array.from([this.paragraph, this.paragraph, ...ids, this.paragraph]);
    });
    const size = this.vocab.length;

    const bigramRows = Array.from({ length: size }, () => new Map<number, number>());
    const trigramRows: Map<number, number>[] = [];
    // Occurrences not at a sentence start, to pick the casing a word takes mid-sentence ("tides", "Moon").
    const midSentence = new Float64Array(size);
    for (const seq of this.sequences) {
      for (let i = 2; i < seq.length; i++) {
        const [a, b, w] = [seq[i - 2], seq[i - 1], seq[i]];
        midSentence[w] += b === this.paragraph || isSentenceEnd(this.vocab[b]) ? 0.01 : 1;
        bigramRows[b].set(w, (bigramRows[b].get(w) ?? 0) + 1);
        const key = a * size + b;
        let row = this.trigramRow.get(key);
        if (row === undefined) {
          row = trigramRows.push(new Map()) - 1;
          this.trigramRow.set(key, row);
        }
        trigramRows[row].set(w, (trigramRows[row].get(w) ?? 0) + 1);
      }
    }
    this.bigrams = packRows(bigramRows);
    this.trigrams = packRows(trigramRows);

    // Kneser-Ney style base distribution: how many distinct words precede w, not how often w occurs,
    // so that backed-off mass favours words that fit many contexts.
    const continuation = new Float64Array(size);
    for (const row of bigramRows) for (const w of row.keys()) continuation[w]++;
    const contTotal = continuation.reduce((s, c) => s + c, 0);
    this.unigram = continuation.map((c) => (c + UNIGRAM_FLOOR) / (contTotal + UNIGRAM_FLOOR * size));

    this.contentOf = new Int32Array(size).fill(-1);
    this.vocab.forEach((token, id) => {
      const lower = token.toLowerCase();
      if (!isWord(token) || lower.length < 3 || isStopword(lower) || /^\d/.test(lower)) return;
      let c = this.contentIds.get(lower);
      if (c === undefined) {
        c = this.contentDisplay.push(id) - 1;
        this.contentIds.set(lower, c);
        this.postings.push([]);
        this.contentFreq.push(0);
      }
      this.contentOf[id] = c;
      if (midSentence[id] > midSentence[this.contentDisplay[c]]) this.contentDisplay[c] = id;
    });
    this.sequences.forEach((seq, doc) => {
      let from = 2;
      let counts = new Map<number, number>();
      for (let i = 2; i < seq.length; i++) {
        const c = this.contentOf[seq[i]];
        if (c >= 0) {
          counts.set(c, (counts.get(c) ?? 0) + 1);
          this.contentFreq[c]++;
        }
        if (seq[i] !== this.paragraph) continue;
        const p = this.paragraphs.length;
        const len = [...counts.values()].reduce((s, n) => s + n, 0);
        for (const word of counts.keys()) this.postings[word].push(p);
        this.paragraphs.push({
          doc,
          from,
          to: i,
          words: Int32Array.from(counts.keys()),
          weights: Float64Array.from(counts.values(), (n) => n / len),
        });
        this.docParagraphs[doc]++;
        counts = new Map();
        from = i + 1;
      }
    });
  }

  get size(): number {
    return this.vocab.length;
  }

  id(token: string): number | undefined {
    return this.ids.get(token);
  }

  /**
   * The model's logits for the next token after `a b`: log P(w | a b) of the smoothed trigram model, adapted to
   * the topic's n-gram counts, plus the topic's word bias.
   */
  logits(a: number, b: number, out: Float64Array, topic?: Topic): void {
    out.set(this.unigram);
    this.interpolate(this.bigrams, b, BIGRAM_DISCOUNT, out);
    const row = this.trigramRow.get(a * this.size + b);
    if (row !== undefined) this.interpolate(this.trigrams, row, TRIGRAM_DISCOUNT, out);
    if (topic) {
      adapt(topic.bigrams.get(b), TOPIC_BIGRAM_PRIOR, out);
      adapt(topic.trigrams.get(a * this.size + b), TOPIC_TRIGRAM_PRIOR, out);
    }
    for (let w = 0; w < out.length; w++) out[w] = Math.log(out[w]) + (topic?.bias[w] ?? 0);
  }

  /** The content-word index of a prompt word, trying simple plural/singular variants. */
  contentWord(word: string): number | undefined {
    const lower = word.toLowerCase();
    if (lower.length < 3 || isStopword(lower)) return undefined;
    const variants = [lower, lower.replace(/s$/, ""), lower.replace(/es$/, ""), `${lower}s`, `${lower}es`];
    for (const v of variants) {
      const c = this.contentIds.get(v);
      if (c !== undefined) return c;
    }
    return undefined;
  }

  /** A content word as it is written mid-sentence in the corpus (e.g. "whales", "Moon"). */
  displayWord(word: number): string {
    return this.vocab[this.contentDisplay[word]];
  }

  /**
   * Conditions the model on a prompt: paragraphs containing the seed words (weighted by the words' rarity), plus
   * a share of their documents and any seed documents, supply weighted n-gram counts and a word-level bias.
   */
  topic(seeds: readonly TopicSeed[], documents: readonly DocumentSeed[], strength: number): Topic {
    const weight = new Float64Array(this.paragraphs.length);
    for (const seed of seeds) {
      const posting = this.postings[seed.word];
      const idf = Math.log(1 + this.paragraphs.length / posting.length);
      for (const p of posting) weight[p] += seed.weight * idf;
    }
    const docWeight = this.docNames.map((name) => documents.find((d) => d.name === name)?.weight ?? 0);
    this.paragraphs.forEach((p, i) => {
      docWeight[p.doc] += (DOCUMENT_SPREAD * weight[i]) / this.docParagraphs[p.doc];
    });
    this.paragraphs.forEach((p, i) => {
      weight[i] += docWeight[p.doc];
    });

    const trigrams: WeightedRows = new Map();
    const bigrams: WeightedRows = new Map();
    const bias = new Float64Array(this.size);
    const best = weight.reduce((m, w) => Math.max(m, w), 0);
    if (best === 0) return { trigrams, bigrams, bias };

    const topicWords = new Float64Array(this.contentDisplay.length);
    let mass = 0;
    this.paragraphs.forEach((p, i) => {
      const w = weight[i] / best;
      if (w < MIN_PARAGRAPH_WEIGHT) return;
      const seq = this.sequences[p.doc];
      for (let k = p.from; k <= p.to; k++) {
        addWeighted(bigrams, seq[k - 1], seq[k], w);
        addWeighted(trigrams, seq[k - 2] * this.size + seq[k - 1], seq[k], w);
      }
      for (let k = 0; k < p.words.length; k++) topicWords[p.words[k]] += w * p.weights[k];
      mass += w;
    });

    const corpusTotal = this.contentFreq.reduce((s, c) => s + c, 0);
    const wordBias = topicWords.map((t, c) => {
      const ratio = t / mass / (this.contentFreq[c] / corpusTotal);
      return strength * Math.min(TOPIC_CAP, Math.log1p(TOPIC_SCALE * ratio));
    });
    for (let id = 0; id < this.size; id++) {
      const c = this.contentOf[id];
      if (c >= 0) bias[id] = wordBias[c];
    }
    return { trigrams, bigrams, bias };
  }

  private intern(token: string): number {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.vocab.push(token) - 1;
      this.ids.set(token, id);
    }
    return id;
  }

  /** p(w) ← discounted own count + backoff weight × p(w), for one context row (absolute discounting). */
  private interpolate(table: CountTable, row: number, discount: number, p: Float64Array): void {
    const total = table.total[row];
    if (total === 0) return;
    const from = table.start[row];
    const to = table.start[row + 1];
    const backoff = (discount * (to - from)) / total;
    for (let w = 0; w < p.length; w++) p[w] *= backoff;
    for (let k = from; k < to; k++) p[table.next[k]] += (table.count[k] - discount) / total;
  }
}

/** MAP adaptation of p toward one row of weighted topic counts, with p itself as the prior of strength `prior`. */
function adapt(
  row: { total: number; next: Map<number, number> } | undefined,
  prior: number,
  p: Float64Array,
): void {
  if (!row) return;
  const norm = row.total + prior;
  for (let w = 0; w < p.length; w++) p[w] *= prior / norm;
  for (const [w, c] of row.next) p[w] += c / norm;
}
