import type { OutputSink } from './events.js';

/**
 * A sink that holds output until its real one is attached: processes can
 * start while the screen is still loading, and nothing they print is lost.
 */
export class DeferredSink implements OutputSink {
  private target: OutputSink | undefined;
  private held: Uint8Array[] = [];

  write(data: Uint8Array): void {
    if (this.target) this.target.write(data);
    else this.held.push(data);
  }

  flush(): void | Promise<void> {
    return this.target?.flush();
  }

  lastLines(count: number): string[] {
    return this.target?.lastLines?.(count) ?? [];
  }

  /** From now on output goes to `target`, starting with what was held. */
  attach(target: OutputSink): void {
    this.target = target;
    for (const data of this.held) target.write(data);
    this.held = [];
  }
}
