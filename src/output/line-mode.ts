import { constants } from 'node:os';
import type { AppConfig } from '../config/index.js';
import { describeUnverified, Engine, remoteNotice, type SupervisorEvent } from '../engine/index.js';
import { LinePrinter, nameWidth, type LineWriter } from './line-printer.js';

export interface LineModeOptions {
  app: AppConfig;
  out: LineWriter & { on?(event: 'error', listener: (error: Error) => void): unknown };
  timestamps: boolean;
  color: boolean;
  /** The pty size each process sees. */
  size: { cols: number; rows: number };
  /** Warnings that are not part of foreman's output (a PORT already in use): stderr. */
  warn(text: string): void;
  /** Where SIGINT, SIGTERM and SIGHUP arrive (the real process, or a test's emitter). */
  signals: Pick<NodeJS.Process, 'on' | 'off'>;
  /** Given the engine before any process starts (the control socket serves it too). */
  onEngine?(engine: Engine): void;
}

/** The conventional status for a process killed by a signal: 128 + its number. */
export function exitCodeFor(code: number | null, signal: string | null): number {
  if (code !== null) return code;
  const number = signal ? constants.signals[signal as NodeJS.Signals] : undefined;
  return 128 + (number ?? 0);
}

function formatDelay(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}

/**
 * `tfui start` without a screen: foreman's behaviour. Every process's output
 * as prefixed lines; the first process to end stops the others, and its exit
 * status becomes tfui's. A stop signal stops all (status 0); a second one
 * kills at once. Resolves with the exit status once nothing is left running.
 */
export async function runLineMode(options: LineModeOptions): Promise<number> {
  const { app } = options;
  let outputBroken = false;
  const out: LineWriter = {
    write: (text) => {
      if (!outputBroken) options.out.write(text);
    },
  };
  // A closed pipe (`tfui | head`) is a reason to stop, as in foreman, not a crash.
  options.out.on?.('error', () => {
    outputBroken = true;
    engine.quit('tfui');
  });

  const printer = new LinePrinter({
    out,
    timestamps: options.timestamps,
    color: options.color,
    nameWidth: nameWidth(
      app.types.map((t) => t.name),
      [...app.formation.values()],
    ),
  });
  const typeIndex = new Map(app.types.map((t) => [t.name, t.index]));
  const engine = new Engine(app, {
    sinkFor: (id, processType) => printer.sinkFor(id, typeIndex.get(processType) ?? 0),
    size: options.size,
  });

  let exitCode = 0;
  let announcedKill = false;
  /** What could not be checked of a stop, each said once. */
  const unverified = new Set<string>();
  /** Instances whose ending was answered with a scheduled restart. */
  const restarting = new Set<string>();

  function onEvent(event: SupervisorEvent | null): void {
    if (!event) return;
    // What another shell or an agent did, on stderr: stdout stays foreman's lines.
    const remote = remoteNotice(event);
    if (remote) options.warn(remote);
    const index = 'processType' in event ? (typeIndex.get(event.processType) ?? 0) : 0;
    switch (event.type) {
      case 'shutdown':
        if (event.phase === 'graceful') printer.system('sending SIGTERM to all processes');
        else if (!announcedKill) printer.system('sending SIGKILL to all processes');
        announcedKill ||= event.phase === 'forced';
        break;
      case 'spawned':
        printer.line(event.id, index, `started with pid ${event.pid}`);
        break;
      case 'spawnFailed':
        printer.line(event.id, index, `could not start: ${event.message}`);
        if (!engine.quitting) {
          exitCode = 127;
          engine.quit('tfui');
        }
        break;
      case 'killedAfterTimeout':
        if (!announcedKill) printer.system('sending SIGKILL to all processes');
        announcedKill = true;
        break;
      case 'exited': {
        printer.line(event.id, index, event.signal ? `terminated by ${event.signal}` : `exited with code ${event.code}`);
        if (event.survivors.length > 0) {
          printer.system(`could not stop ${event.id}: pids ${event.survivors.join(', ')} are still running`);
          exitCode ||= 1;
        }
        // Only where the system hides processes (no /proc, no ps): said once per reason, never on a plain Linux stop.
        if (event.unverified && !unverified.has(event.unverified)) {
          unverified.add(event.unverified);
          printer.system(describeUnverified(event.unverified));
        }
        // As in foreman, an ending stops the rest, unless its restart policy brings it back:
        // the policy's verdict (restartScheduled or gaveUp) follows this event synchronously.
        const ended = event;
        if (!engine.quitting && event.state !== 'stopped') {
          queueMicrotask(() => {
            if (engine.quitting || restarting.has(ended.id)) return;
            exitCode = exitCodeFor(ended.code, ended.signal);
            engine.quit('tfui');
          });
        }
        restarting.delete(event.id);
        break;
      }
      case 'restartScheduled':
        restarting.add(event.id);
        printer.line(event.id, index, `restarting in ${formatDelay(event.delayMs)} (${event.policy}, attempt ${event.attempt})`);
        break;
      case 'gaveUp':
        printer.line(event.id, index, event.reason);
        break;
      case 'portInUse':
        // Not on stdout: that stream stays byte-for-byte what foreman would print.
        options.warn(`${event.id}: PORT ${event.message}`);
        break;
      default:
        break;
    }
  }

  const stopListening = engine.quitOnSignals(options.signals, (signal, phase) => {
    if (phase === 'graceful') printer.system(`${signal} received, starting shutdown`);
  });
  const unsubscribe = engine.subscribe(onEvent);
  try {
    options.onEngine?.(engine);
    engine.start();
    // Runs until the first exit, a signal or a remote quit stops everything.
    await engine.stopped;
    return exitCode;
  } finally {
    unsubscribe();
    stopListening();
  }
}
