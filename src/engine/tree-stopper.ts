import { findTree, signalTree } from './process-tree.js';

export interface TreeStopResult {
  /** True when SIGKILL was needed (the timeout ran out, or a forced stop). */
  killed: boolean;
  /** Pids that were sent SIGKILL. */
  killedPids: number[];
  /** Pids still alive at the end: empty unless the OS refused to kill them. */
  survivors: number[];
}

/** How long SIGKILL may take to show in /proc before we give up and report survivors. */
const KILL_CONFIRM_MS = 2000;

/**
 * Stopping is a procedure, not a signal: SIGTERM to the group and to every
 * descendant that left it, again to any that appear while we wait, SIGKILL
 * to whatever is left after the timeout, then confirm that nothing is.
 *
 * There is no event for the death of a process that is not our child, so
 * the tree is rescanned while (and only while) a stop is under way.
 */
export class TreeStopper {
  private forced = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly rootPid: number,
    private readonly marker: string,
    private readonly timeoutMs: number,
    /** Told once, before the first SIGKILL, which pids get it. */
    private readonly onKill: (pids: number[]) => void = () => {},
  ) {}

  /** Skips the rest of the grace period: SIGKILL now. */
  force(): void {
    this.forced = true;
    this.wake?.();
  }

  async run(): Promise<TreeStopResult> {
    const signalled = new Set<number>();
    const deadline = Date.now() + this.timeoutMs;
    let poll = 5;
    while (!this.forced) {
      const pids = findTree(this.rootPid, this.marker);
      if (pids.length === 0) return { killed: false, killedPids: [], survivors: [] };
      const fresh = pids.filter((pid) => !signalled.has(pid));
      if (fresh.length > 0) {
        signalTree(this.rootPid, fresh, 'SIGTERM');
        for (const pid of fresh) signalled.add(pid);
      }
      const left = deadline - Date.now();
      if (left <= 0) break;
      await this.sleep(Math.min(poll, left));
      poll = Math.min(poll * 2, 50);
    }
    return this.kill();
  }

  private async kill(): Promise<TreeStopResult> {
    const killedPids = new Set<number>();
    const deadline = Date.now() + KILL_CONFIRM_MS;
    for (;;) {
      const pids = findTree(this.rootPid, this.marker);
      if (pids.length === 0 || Date.now() > deadline) {
        return { killed: killedPids.size > 0, killedPids: [...killedPids], survivors: pids };
      }
      if (killedPids.size === 0) this.onKill(pids);
      signalTree(this.rootPid, pids, 'SIGKILL');
      for (const pid of pids) killedPids.add(pid);
      await this.sleep(10);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
