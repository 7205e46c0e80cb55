/**
 * A stream written to its end whatever its readers do, kept so that any number of readers can join at any time
 * and get every chunk from the first one, then the rest as it comes. A turn's answer is generated this way
 * independently of the page that asked for it: a reload, a second tab or a lost connection only changes who
 * is reading (GET /api/chat/:id/stream joins), never the generation.
 */
export class ReplayStream<T> {
  readonly #chunks: T[] = [];
  #done = false;
  #wake: (() => void)[] = [];
  #finish!: () => void;
  /** resolves once the writer has closed the stream */
  readonly finished = new Promise<void>((resolve) => {
    this.#finish = resolve;
  });

  /** Appends a chunk for every reader; ignored once closed. */
  push(chunk: T): void {
    if (this.#done) return;
    this.#chunks.push(chunk);
    this.#notify();
  }

  /** Ends the stream: readers end once they have read every chunk. */
  close(): void {
    if (this.#done) return;
    this.#done = true;
    this.#notify();
    this.#finish();
  }

  #notify(): void {
    if (this.#wake.length === 0) return;
    const wake = this.#wake;
    this.#wake = [];
    for (const w of wake) w();
  }

  get done(): boolean {
    return this.#done;
  }

  /** chunks received so far */
  get length(): number {
    return this.#chunks.length;
  }

  /**
   * The chunks from index `from` on: at once when there are some, else once the next one comes; empty once the
   * stream is closed and everything was read.
   */
  async read(from: number): Promise<T[]> {
    while (from >= this.#chunks.length && !this.#done) {
      await new Promise<void>((resolve) => this.#wake.push(resolve));
    }
    return this.#chunks.slice(from);
  }

  /**
   * A reader from the first chunk; cancelling it leaves the writer and the other readers alone. Each read gives
   * what `batch` makes of every chunk come since the previous read (all of them were sent at once, so a reader
   * that fell behind catches up in one write), and `end` when the stream ends.
   */
  subscribe<U>(batch: (chunks: T[]) => U, end?: U): ReadableStream<U> {
    let next = 0;
    let cancelled = false;
    return new ReadableStream<U>({
      pull: async (controller) => {
        const chunks = await this.read(next);
        if (cancelled) return;
        if (chunks.length > 0) {
          next += chunks.length;
          controller.enqueue(batch(chunks));
          return;
        }
        if (end !== undefined) controller.enqueue(end);
        controller.close();
      },
      cancel: () => {
        cancelled = true;
      },
    });
  }
}
