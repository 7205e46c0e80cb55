/**
 * A stream read to its end whatever its readers do, kept so that any number of readers can join at any time
 * and get every chunk from the first one, then the rest as it comes. A turn's answer is generated this way
 * independently of the page that asked for it: a reload, a second tab or a lost connection only changes who
 * is reading (GET /api/chat/:id/stream joins), never the generation.
 */
export class ReplayStream<T> {
  readonly #chunks: T[] = [];
  #done = false;
  #wake: (() => void)[] = [];
  /** resolves once the source has ended (or failed) */
  readonly finished: Promise<void>;

  constructor(source: ReadableStream<T>) {
    this.finished = this.#pump(source.getReader());
  }

  async #pump(reader: ReadableStreamDefaultReader<T>): Promise<void> {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        this.#chunks.push(value);
        this.#notify();
      }
    } catch {
      // The source's own error is already a chunk (createUIMessageStream writes an error part); readers end.
    } finally {
      this.#done = true;
      this.#notify();
    }
  }

  #notify(): void {
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

  /** A reader from the first chunk; cancelling it leaves the source and the other readers alone. */
  subscribe(): ReadableStream<T> {
    let next = 0;
    let cancelled = false;
    return new ReadableStream<T>({
      pull: async (controller) => {
        while (next >= this.#chunks.length && !this.#done && !cancelled) {
          await new Promise<void>((resolve) => this.#wake.push(resolve));
        }
        if (cancelled) return;
        if (next < this.#chunks.length) {
          while (next < this.#chunks.length) controller.enqueue(this.#chunks[next++] as T);
          return;
        }
        controller.close();
      },
      cancel: () => {
        cancelled = true;
      },
    });
  }
}
