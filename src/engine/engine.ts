import { UserError, type AppConfig } from '../config/index.js';
import type { CommandOrigin, InstanceRef, OutputSink, SupervisorEvent, SupervisorListener, SupervisorSnapshot } from './events.js';
import { OutputLog } from './output-log.js';
import type { SpawnPty } from './pty-process.js';
import { checkScaleCount, Supervisor } from './supervisor.js';
import { resolveTargets } from './targets.js';
import { Watchdog, type GuardedTerminal } from './watchdog.js';

export interface EngineOptions {
  /** Where each instance's output goes besides its log: a terminal model, or the line printer. */
  sinkFor(instanceId: string, processType: string): OutputSink;
  /** The pty size of new instances until the screen resizes them. */
  size?: { cols: number; rows: number };
  /** TERM for the processes: the screen emulates xterm, whatever the outer terminal is. */
  term?: string;
  spawn?: SpawnPty;
  now?: () => number;
  /** Lines of output kept per instance for `tfui logs` and MCP. */
  logLines?: number;
  /** False: no watchdog (only real processes are watched; a test's own `spawn` never is). */
  watchdog?: boolean;
  /** The screen's terminal, which the watchdog gives back should tfui die with it in raw mode. */
  terminal?: GuardedTerminal;
}

/** What a door can ask of the engine; every door (screen, line mode, socket, MCP) asks the same way. */
export type EngineCommand =
  /** TYPE or TYPE.N; a stopped instance is started. */
  | { kind: 'restart'; targets: string[] }
  | { kind: 'stop'; targets: string[] }
  | { kind: 'start'; targets: string[] }
  /** Absolute counts, e.g. `[['web', 2]]`. */
  | { kind: 'scale'; counts: Array<[string, number]> }
  /** From the count the type has now: key presses, each counting from the one before. */
  | { kind: 'scaleBy'; processType: string; delta: number };

/** How a quit request was taken: the first stops gracefully, any later one kills at once. */
export type QuitPhase = 'graceful' | 'forced';

/** What a door sees of the engine. */
export interface EngineDoor {
  readonly app: AppConfig;
  snapshot(): SupervisorSnapshot;
  /** The event log so far, oldest first. */
  events(): readonly SupervisorEvent[];
  /** The current snapshot at once, then every event: a late subscriber misses nothing. */
  subscribe(listener: SupervisorListener): () => void;
  /** Validates at once (a UserError for a bad target), then applies; resolves when applied. */
  command(command: EngineCommand, origin: CommandOrigin): Promise<void>;
  /** The first stops every process gracefully; a later one, or `force`, kills at once. */
  quit(origin: CommandOrigin, force?: boolean): QuitPhase;
  readonly quitting: QuitPhase | null;
  /** Settles when a quit has stopped every process. */
  readonly stopped: Promise<void>;
  /** How many of the oldest events the bounded log no longer holds: `events()[i]` is event number `firstEventIndex + i`. */
  readonly firstEventIndex: number;
  /** An instance's output as plain lines, or undefined for a name that never ran. */
  outputLog(instanceId: string): OutputLog | undefined;
  /** Every instance that has a log (it was started at least once), in the order they were made. */
  loggedInstances(): InstanceRef[];
  /** Told (with the instance id) whenever an instance printed something. */
  onOutput(listener: (instanceId: string) => void): () => void;
  /** Keys and terminal replies for a process (input mode). */
  write(instanceId: string, data: string): void;
  resize(instanceId: string, cols: number, rows: number): void;
  setDefaultSize(cols: number, rows: number): void;
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * The engine's one owner. It builds the supervisor, is the only way commands
 * reach it (validated, then applied in order per instance), and owns the one
 * shutdown procedure: the first quit stops every process gracefully, the
 * next kills at once, and once a quit began no command starts anything.
 */
export class Engine implements EngineDoor {
  private readonly supervisor: Supervisor;
  private readonly logs = new Map<string, OutputLog>();
  /** Which instance each log is of. */
  private readonly refs = new Map<string, InstanceRef>();
  private readonly outputListeners = new Set<(instanceId: string) => void>();
  private phase: QuitPhase | null = null;
  /** Stops the processes should tfui die without stopping them (kill -9): see Watchdog. */
  private readonly watchdog: Watchdog | null;
  private markStopped: () => void = () => {};
  readonly stopped = new Promise<void>((resolve) => (this.markStopped = resolve));

  constructor(
    readonly app: AppConfig,
    options: EngineOptions,
  ) {
    this.watchdog = options.watchdog !== false && !options.spawn ? Watchdog.start(app.timeoutMs, options.terminal ? { terminal: options.terminal } : {}) : null;
    this.supervisor = new Supervisor(app, {
      ...(this.watchdog ? { guard: this.watchdog } : {}),
      sinkFor: (id, processType, number) => this.logged({ id, processType, number }, options.sinkFor(id, processType), options.logLines),
      ...(options.size ? { size: options.size } : {}),
      ...(options.term ? { term: options.term } : {}),
      ...(options.spawn ? { spawn: options.spawn } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
  }

  start(): void {
    this.supervisor.start();
  }

  snapshot(): SupervisorSnapshot {
    return this.supervisor.snapshot();
  }

  events(): readonly SupervisorEvent[] {
    return this.supervisor.events();
  }

  subscribe(listener: SupervisorListener): () => void {
    return this.supervisor.subscribe(listener);
  }

  get quitting(): QuitPhase | null {
    return this.phase;
  }

  async command(command: EngineCommand, origin: CommandOrigin): Promise<void> {
    if (this.phase) throw new UserError('tfui is stopping every process: no new commands');
    const supervisor = this.supervisor;
    switch (command.kind) {
      case 'scaleBy':
        supervisor.scaleBy(command.processType, command.delta, origin);
        return;
      case 'scale': {
        // All or nothing: every pair is checked before any applies.
        for (const [type, count] of command.counts) {
          supervisor.countOf(type);
          checkScaleCount(type, count);
        }
        for (const [type, count] of command.counts) supervisor.scale(type, count, origin);
        return;
      }
      case 'restart':
      case 'stop':
      case 'start': {
        const ids = resolveTargets(command.targets, supervisor.snapshot(), command.kind);
        await Promise.all(
          ids.map((id) =>
            command.kind === 'restart' ? supervisor.restart(id, origin) : command.kind === 'stop' ? supervisor.stopInstance(id, origin) : supervisor.startInstance(id),
          ),
        );
        // A quit that came meanwhile stopped what this would have started: say so, not "done".
        if (this.phase && command.kind !== 'stop') throw new UserError(`${command.kind} of ${command.targets.join(', ')} cancelled: tfui is stopping every process`);
        return;
      }
    }
  }

  quit(origin: CommandOrigin, force = false): QuitPhase {
    if (this.phase === null) {
      this.phase = 'graceful';
      // Settles whatever happens: a door waiting on it must not wait for ever.
      void this.supervisor
        .shutdown(origin)
        // Every process is gone: the watchdog has nothing left to do. After a failed stop it stays, for tfui's exit.
        .then(() => this.watchdog?.dismiss())
        .catch((error: unknown) => process.emitWarning(`tfui: a stop failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => this.markStopped());
    } else {
      force = true;
    }
    if (force && this.phase === 'graceful') {
      this.phase = 'forced';
      void this.supervisor.forceKill(origin);
    }
    return this.phase;
  }

  /**
   * SIGINT, SIGTERM and SIGHUP quit (the second kills at once). `before` runs
   * first with the phase the signal will start, so a door can say so or give
   * the terminal back. Returns a function that stops listening.
   */
  quitOnSignals(signals: Pick<NodeJS.Process, 'on' | 'off'>, before: (signal: NodeJS.Signals, phase: QuitPhase) => void = () => {}): () => void {
    const onSignal = (signal: NodeJS.Signals) => {
      before(signal, this.phase === null ? 'graceful' : 'forced');
      this.quit('signal');
    };
    for (const signal of STOP_SIGNALS) signals.on(signal, onSignal);
    return () => {
      for (const signal of STOP_SIGNALS) signals.off(signal, onSignal);
    };
  }

  get firstEventIndex(): number {
    return this.supervisor.droppedEvents;
  }

  outputLog(instanceId: string): OutputLog | undefined {
    return this.logs.get(instanceId);
  }

  loggedInstances(): InstanceRef[] {
    return [...this.refs.values()];
  }

  onOutput(listener: (instanceId: string) => void): () => void {
    this.outputListeners.add(listener);
    return () => this.outputListeners.delete(listener);
  }

  write(instanceId: string, data: string): void {
    this.supervisor.write(instanceId, data);
  }

  resize(instanceId: string, cols: number, rows: number): void {
    this.supervisor.resize(instanceId, cols, rows);
  }

  setDefaultSize(cols: number, rows: number): void {
    this.supervisor.setDefaultSize(cols, rows);
  }

  /** The door's sink, with the instance's log written first (one log per instance id, across its runs). */
  private logged(ref: InstanceRef, sink: OutputSink, lines: number | undefined): OutputSink {
    const id = ref.id;
    let log = this.logs.get(id);
    if (!log) {
      this.logs.set(id, (log = new OutputLog(lines)));
      this.refs.set(id, ref);
    }
    const kept = log;
    const listeners = this.outputListeners;
    return {
      write(data) {
        kept.append(data);
        sink.write(data);
        for (const listener of listeners) listener(id);
      },
      flush: () => sink.flush(),
      ...(sink.lastLines ? { lastLines: (count: number) => sink.lastLines?.(count) ?? [] } : {}),
    };
  }
}
