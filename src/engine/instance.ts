import type { CrashLoopLimit, RestartPolicy } from '../config/index.js';
import { currentPlatform } from '../platform/index.js';
import { describePortHolder, findPortHolder, mentionsAddressInUse } from './port-check.js';
import { isInTree, MARKER_VARIABLE } from './process-tree.js';
import { decideRestart } from './restart-policy.js';
import type { ExitStatus, PtyProcess, SpawnPty } from './pty-process.js';
import { TreeStopper, type TreeStopResult } from './tree-stopper.js';
import type { ProcessGuard } from './watchdog.js';
import type { CommandOrigin, InstanceRef, InstanceSnapshot, InstanceState, OutputSink, StopReason, SupervisorEvent } from './events.js';

/** What an instance runs, fixed for its life. */
export interface InstanceSpec {
  id: string;
  processType: string;
  number: number;
  port: number;
  command: string;
  cwd: string;
  env: Record<string, string>;
}

/** What an instance needs from its supervisor. */
export interface InstanceContext {
  spawn: SpawnPty;
  sink: OutputSink;
  timeoutMs: number;
  /** Unique per tfui run, so markers never match another tfui's processes. */
  runId: string;
  now(): number;
  size(): { cols: number; rows: number };
  emit(event: SupervisorEvent): void;
  policy: RestartPolicy;
  crashLoop: CrashLoopLimit;
  /** Told of each run's process group, which it stops should tfui die without stopping it. */
  guard?: ProcessGuard;
}

/** Lines of a process's last words kept with each exit. */
const LAST_LINES = 12;

/** One spawn of an instance, from fork to a dead, drained tree. */
interface Run {
  pty: PtyProcess;
  marker: string;
  startedAt: number;
  exit?: ExitStatus;
  stopReason?: StopReason;
  stopOrigin?: CommandOrigin;
  stopper?: TreeStopper;
  stopped?: Promise<TreeStopResult>;
  ended: Promise<void>;
  /** Settles once the start's port lookup has had its say, which comes before the exit is told. */
  portChecked: Promise<void>;
  /** When a stop asked for sends SIGKILL (epoch ms). */
  killAt?: number;
}

/**
 * One process of one type (`web.2`) and its lifecycle:
 * starting → running → (exited | crashed), or → stopping → stopped.
 * A run ends only when the pty reported the exit, its last bytes reached the
 * sink, and nothing of its process tree is left.
 */
export class Instance {
  private state: InstanceState = 'stopped';
  private run: Run | undefined;
  private generation = 0;
  /** Whether the instance should be running: a start waiting on a stop checks it. */
  private wanted = false;
  private restarts = 0;
  private lastExit: InstanceSnapshot['lastExit'] = null;
  private lastStartedAt: number | null = null;
  private backoff: { timer: NodeJS.Timeout; at: number } | undefined;
  /** When automatic restarts were decided, for the crash-loop window. */
  private automaticRestarts: number[] = [];
  private consecutiveRestarts = 0;
  private gaveUp: string | null = null;
  private portConflict: string | null = null;
  /**
   * Set when the instance leaves the formation for good (scaled away, or tfui
   * is stopping): from then on nothing may start a process in it, whatever
   * command or backoff timer was already on its way.
   */
  private closed = false;

  constructor(
    readonly spec: InstanceSpec,
    private readonly context: InstanceContext,
  ) {}

  get id(): string {
    return this.spec.id;
  }

  get ref(): InstanceRef {
    return { id: this.spec.id, processType: this.spec.processType, number: this.spec.number };
  }

  /** Whether it has left the formation for good: see `close`. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** No process will ever start in this instance again; a backoff waiting to restart it is dropped. */
  close(): void {
    this.closed = true;
    this.wanted = false;
    this.cancelBackoff();
  }

  get isActive(): boolean {
    return this.run !== undefined;
  }

  snapshot(): InstanceSnapshot {
    const { id, processType, number, port, command } = this.spec;
    return {
      id,
      processType,
      number,
      port,
      command,
      state: this.state,
      pid: this.run?.pty.pid ?? null,
      startedAt: this.lastStartedAt,
      restarts: this.restarts,
      lastExit: this.lastExit,
      restartAt: this.backoff?.at ?? null,
      killAt: this.state === 'stopping' ? (this.run?.killAt ?? null) : null,
      gaveUp: this.gaveUp,
      portConflict: this.portConflict,
    };
  }

  /** Starts the instance; if it is still stopping, starts it once the stop is done. */
  async start(): Promise<void> {
    if (this.closed) return;
    this.wanted = true;
    // Starting by hand ends a backoff at once, and a crash loop's verdict.
    this.cancelBackoff();
    this.gaveUp = null;
    this.consecutiveRestarts = 0;
    this.automaticRestarts = [];
    while (this.run) {
      if (!this.run.stopReason && !this.run.exit) return;
      await this.run.ended;
    }
    if (this.wanted && !this.closed) this.spawn();
  }

  /** Stops the whole tree: SIGTERM, SIGKILL after the timeout. Resolves when it is gone. */
  stop(reason: StopReason, origin: CommandOrigin = 'tfui'): Promise<void> {
    this.wanted = false;
    const run = this.run;
    if (!run) {
      if (this.cancelBackoff()) {
        this.state = 'stopped';
        this.context.emit({ type: 'stopRequested', ...this.ref, at: this.context.now(), reason, origin });
      }
      return Promise.resolve();
    }
    if (!run.stopReason && !run.exit) {
      run.stopReason = reason;
      run.stopOrigin = origin;
      this.state = 'stopping';
      run.killAt = this.context.now() + this.context.timeoutMs;
      this.context.emit({ type: 'stopRequested', ...this.ref, at: this.context.now(), reason, origin });
      this.beginTreeStop(run);
    }
    return run.ended;
  }

  /** A second Ctrl-C: SIGKILL the tree now. */
  forceKill(): Promise<void> {
    const ended = this.stop('shutdown');
    if (this.run?.stopper) {
      this.run.killAt = this.context.now();
      this.run.stopper.force();
    }
    return ended;
  }

  async restart(origin: CommandOrigin = 'tfui'): Promise<void> {
    if (this.closed) return;
    this.restarts += 1;
    this.cancelBackoff();
    this.context.emit({ type: 'restartRequested', ...this.ref, at: this.context.now(), origin });
    await this.stop('restart', origin);
    await this.start();
  }

  write(data: string): void {
    this.run?.pty.write(data);
  }

  resize(cols: number, rows: number): void {
    this.run?.pty.resize(cols, rows);
  }

  /** Clears a pending automatic restart; true if there was one. */
  private cancelBackoff(): boolean {
    if (!this.backoff) return false;
    clearTimeout(this.backoff.timer);
    this.backoff = undefined;
    return true;
  }

  private spawn(): void {
    // The last guard: whatever path led here, a closed instance never gets a process.
    if (this.closed) return;
    const { context, spec } = this;
    this.generation += 1;
    const generation = this.generation;
    this.portConflict = null;
    // Say who holds the port before anyone has to read a stack trace; the process starts anyway.
    // The lookup begins before the fork and answers a few milliseconds after it.
    const portHolder = findPortHolder(spec.port).catch(() => null);
    const marker = `${context.runId}.${spec.id}.${generation}`;
    this.state = 'starting';
    let pty: PtyProcess;
    try {
      pty = context.spawn({ command: spec.command, cwd: spec.cwd, env: { ...spec.env, [MARKER_VARIABLE]: marker }, ...context.size() });
    } catch (error) {
      // node-pty throws when it cannot fork at all (e.g. the cwd vanished).
      const at = context.now();
      this.state = 'crashed';
      this.lastExit = { code: 127, signal: null, at };
      context.emit({ type: 'spawnFailed', ...this.ref, at, message: error instanceof Error ? error.message : String(error) });
      return;
    }
    const startedAt = context.now();
    this.lastStartedAt = startedAt;
    context.guard?.watch(pty.pid, marker);
    const run: Run = { pty, marker, startedAt, ended: Promise.resolve(), portChecked: Promise.resolve() };
    this.run = run;
    this.state = 'running';
    pty.onData((data) => context.sink.write(data));
    context.emit({ type: 'spawned', ...this.ref, at: startedAt, pid: pty.pid, port: spec.port });
    run.portChecked = portHolder.then(async (holder) => {
      if (!holder || this.generation !== generation) return;
      // A reading that ran on while the process started may show the process itself listening.
      if (holder.pid !== null && (await isInTree(currentPlatform(), holder.pid, run.pty.pid, run.marker))) return;
      this.notePortConflict(describePortHolder(holder), context.now());
    });
    run.ended = this.follow(run);
  }

  /** The first word on a port conflict in a run stands: a crash's EADDRINUSE does not repeat the start's finding. */
  private notePortConflict(message: string, at: number): void {
    if (this.portConflict) return;
    this.portConflict = message;
    this.context.emit({ type: 'portInUse', ...this.ref, at, port: this.spec.port, message });
  }

  private beginTreeStop(run: Run): void {
    if (run.stopper) return;
    run.stopper = new TreeStopper(run.pty.pid, run.marker, this.context.timeoutMs, (pids) => {
      this.context.emit({ type: 'killedAfterTimeout', ...this.ref, at: this.context.now(), pids });
    });
    run.stopped = run.stopper.run();
  }

  private async follow(run: Run): Promise<void> {
    run.exit = await run.pty.exited;
    const exitedAt = this.context.now();
    // Whatever the main process left behind (background jobs, daemons) goes too.
    this.beginTreeStop(run);
    const result = await (run.stopped as Promise<TreeStopResult>);
    this.context.guard?.release(run.pty.pid, run.marker);
    await this.context.sink.flush();
    await run.portChecked;
    const state = run.stopReason ? 'stopped' : run.exit.code === 0 ? 'exited' : 'crashed';
    const lastLines = this.context.sink.lastLines?.(LAST_LINES) ?? [];
    // Its last words say the address was taken: name who has it now, unless the start already did.
    const holder = state === 'crashed' && !this.portConflict && mentionsAddressInUse(lastLines) ? await findPortHolder(this.spec.port).catch(() => null) : undefined;
    this.state = state;
    this.lastExit = { ...run.exit, at: exitedAt };
    this.run = undefined;
    if (holder !== undefined) this.notePortConflict(holder ? describePortHolder(holder) : `${this.spec.port} was in use (EADDRINUSE)`, exitedAt);
    const ranMs = exitedAt - run.startedAt;
    this.context.emit({ type: 'exited', ...this.ref, at: exitedAt, code: run.exit.code, signal: run.exit.signal, state, ranMs, survivors: result.survivors, unverified: result.unverified, lastLines, stoppedBy: run.stopOrigin ?? null });
    if (!run.stopReason && this.wanted) this.afterNaturalExit({ ...run.exit, ranMs });
  }

  /** The restart policy's turn: restart after a backoff, give up on a crash loop, or leave it ended. */
  private afterNaturalExit(exit: { code: number | null; signal: string | null; ranMs: number }): void {
    const now = this.context.now();
    const decision = decideRestart(this.context.policy, exit, { restarts: this.automaticRestarts, consecutive: this.consecutiveRestarts }, now, this.context.crashLoop);
    if (decision.action === 'giveUp') {
      this.gaveUp = decision.reason;
      this.context.emit({ type: 'gaveUp', ...this.ref, at: now, reason: decision.reason });
    } else if (decision.action === 'restart') {
      this.automaticRestarts = [...this.automaticRestarts.filter((at) => now - at < this.context.crashLoop.windowMs), now];
      this.consecutiveRestarts = decision.attempt;
      this.state = 'backoff';
      const timer = setTimeout(() => {
        this.backoff = undefined;
        if (!this.wanted || this.closed || this.run) return;
        this.restarts += 1;
        this.spawn();
      }, decision.delayMs);
      this.backoff = { timer, at: now + decision.delayMs };
      this.context.emit({ type: 'restartScheduled', ...this.ref, at: now, delayMs: decision.delayMs, attempt: decision.attempt, policy: this.context.policy });
    }
  }
}
