/**
 * Coalesces "something changed" into frames: at most one per `intervalMs`,
 * none while nothing changes (no polling). A key press asks for a frame now.
 */
export class FrameScheduler {
  private frame = 0;
  private timer: NodeJS.Timeout | undefined;
  private wakeTimer: NodeJS.Timeout | undefined;
  private wakeAt = Infinity;
  private last = -Infinity;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly intervalMs = 33,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The current frame number; views re-read their models when it moves. */
  getFrame = (): number => this.frame;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Asks for a frame at the capped rate. */
  request(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.last + this.intervalMs - this.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  /** A frame right away (after a key press). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.last = this.now();
    this.frame += 1;
    for (const listener of this.listeners) listener();
  }

  /** A frame at wall-clock time `at` (ms since epoch), e.g. when an uptime label changes next. */
  wakeAtTime(at: number): void {
    if (at >= this.wakeAt) return;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeAt = at;
    this.wakeTimer = setTimeout(() => {
      this.wakeAt = Infinity;
      this.wakeTimer = undefined;
      this.request();
    }, Math.max(0, at - Date.now()));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.listeners.clear();
  }
}
