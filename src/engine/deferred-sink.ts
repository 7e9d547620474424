import type { OutputSink } from './events.js';

/**
 * The longest an exit waits for the screen to take over the held output. The
 * screen attaches every sink right after its first frame, and releases them
 * if it fails before; this only bounds a path that forgot to.
 */
const ATTACH_WAIT_MS = 10_000;

/**
 * A sink that holds output until its real one is attached: processes can
 * start while the screen is still loading, and nothing they print is lost.
 */
export class DeferredSink implements OutputSink {
  private target: OutputSink | undefined;
  private held: Uint8Array[] = [];
  private settled: () => void = () => {};
  private readonly whenSettled = new Promise<void>((resolve) => (this.settled = resolve));

  write(data: Uint8Array): void {
    if (this.target) this.target.write(data);
    else this.held.push(data);
  }

  /** A process that ends before the screen took its output over still gets its last lines read: from the real sink. */
  async flush(): Promise<void> {
    if (!this.target) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.whenSettled, new Promise<void>((resolve) => (timer = setTimeout(resolve, ATTACH_WAIT_MS)))]);
      clearTimeout(timer);
    }
    await this.target?.flush();
  }

  /** Whether the real sink has taken over. */
  get attached(): boolean {
    return this.target !== undefined;
  }

  lastLines(count: number): string[] {
    return this.target?.lastLines?.(count) ?? [];
  }

  /** From now on output goes to `target`, starting with what was held. */
  attach(target: OutputSink): void {
    this.target = target;
    for (const data of this.held) target.write(data);
    this.held = [];
    this.settled();
  }

  /** No screen will take this output (it failed to start): exits stop waiting for one. */
  release(): void {
    this.settled();
  }
}
