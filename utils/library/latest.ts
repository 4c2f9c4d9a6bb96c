/**
 * Runs queries one at a time and keeps only what the user last asked for. While one runs, a newer
 * request waits and replaces any request already waiting (which then never starts); a result that a
 * newer request has superseded is dropped. So typing fast never piles queries up on the main thread,
 * and the list never shows the answer to an older query after a newer one.
 */
export class LatestOnly {
  private latest = 0;
  private running = false;
  private waiting: (() => Promise<void>) | undefined;

  /** Identifies the newest request; compare before using the result of related follow-up work. */
  get generation(): number {
    return this.latest;
  }

  submit<T>(job: () => Promise<T>, deliver: (value: T) => void, fail: (error: unknown) => void): void {
    const mine = ++this.latest;
    const start = async () => {
      this.running = true;
      try {
        const value = await job();
        if (mine === this.latest) deliver(value);
      } catch (error) {
        if (mine === this.latest) fail(error);
      } finally {
        this.running = false;
        const next = this.waiting;
        this.waiting = undefined;
        if (next) void next();
      }
    };
    if (this.running) this.waiting = start;
    else void start();
  }

  /** Forget every request: nothing waiting starts, nothing running is delivered. */
  cancel(): void {
    this.latest++;
    this.waiting = undefined;
  }
}
