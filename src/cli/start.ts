import { loadAppConfig, type AppConfig, type AppOptions } from '../config/index.js';
import { claimSocket, listenControl, type ControlServer } from '../control/index.js';
import { DeferredSink, Engine } from '../engine/index.js';
import { runLineMode } from '../output/index.js';
import { paneInnerSize, screenLayout } from '../ui/screen-layout.js';
import { LEAVE_AFTER_DEATH } from '../ui/terminal-modes.js';
import { VERSION } from './program.js';

export interface StartCommandOptions {
  app: AppOptions;
  types: string[];
  timestamp: boolean;
  color: boolean | undefined;
  /** False with --no-tui. */
  tui: boolean;
}

/** `tfui start`: runs the formation until it ends; resolves with tfui's exit status. */
export async function startCommand(options: StartCommandOptions): Promise<number> {
  const app = loadAppConfig({ ...options.app, types: options.types }, process.cwd(), process.env);
  // One tfui per project, found by other shells through its control socket: claimed before anything starts.
  const socketPath = await claimSocket(app);
  // It listens while the processes start: a client that connects early still gets the whole story (a snapshot first).
  let listening: Promise<ControlServer> | undefined;
  let failure: unknown;
  try {
    const status = await run(app, options, (engine) => {
      listening = listenControl(socketPath, engine, VERSION);
      listening.catch((error: unknown) => {
        // Another tfui of the project won a start at the same moment: this one stops what it started.
        failure = error;
        engine.quit('tfui', true);
      });
    });
    if (failure) throw failure;
    return status;
  } finally {
    await listening?.then((control) => control.close(), () => {});
  }
}

/** Runs the formation with the screen or with foreman's lines; `serve` is given the engine before anything starts. */
async function run(app: AppConfig, options: StartCommandOptions, serve: (engine: Engine) => void): Promise<number> {
  const stdout = process.stdout;
  // The screen needs a terminal on both sides that can draw one; anything else (CI, a pipe,
  // Emacs' shell with TERM=dumb) gets foreman's lines.
  if (options.tui && stdout.isTTY && process.stdin.isTTY && canDrawScreen(process.env['TERM'])) {
    // The processes start first; the screen (a lazily run part of the bundle, so line mode
    // never sets up Ink and React) loads while they boot, and takes over their held output.
    const sinks = new Map<string, DeferredSink>();
    const size = paneInnerSize(screenLayout(stdout.columns || 80, stdout.rows || 24, { kind: 'pane', id: 1 }, null).panes.get(1) ?? { x: 0, y: 0, width: 81, height: 25 });
    const engine = new Engine(app, {
      sinkFor: (id) => {
        const sink = new DeferredSink();
        sinks.set(id, sink);
        return sink;
      },
      size,
      term: 'xterm-256color',
      terminal: { fd: 1, restore: LEAVE_AFTER_DEATH },
    });
    serve(engine);
    // A signal while the screen loads stops the processes too; the screen then takes the signals over.
    const earlySignals = engine.quitOnSignals(process);
    engine.start();
    try {
      const { runScreen } = await withoutFetch(() => import('../ui/run-screen.js'));
      return await runScreen(app, { engine, sinks, size, earlySignals });
    } finally {
      earlySignals();
      // Output no screen took over: exits must not wait for it.
      for (const sink of sinks.values()) sink.release();
    }
  }
  const noColor = process.env['NO_COLOR'] !== undefined && process.env['NO_COLOR'] !== '';
  // foreman colours only a terminal with TERM set; NO_COLOR (no-color.org) turns it off; -c/--no-color decide outright.
  const color = options.color ?? (Boolean(stdout.isTTY) && Boolean(process.env['TERM']) && !noColor);
  return runLineMode({
    app,
    out: stdout,
    timestamps: options.timestamp,
    color,
    size: stdout.isTTY ? { cols: stdout.columns, rows: stdout.rows } : { cols: 80, rows: 24 },
    signals: process,
    onEngine: serve,
    warn: (text) => process.stderr.write(`tfui: ${text}\n`),
  });
}

/** A terminal that moves the cursor and has an alternate screen: not `dumb`, and TERM set at all. */
export function canDrawScreen(term: string | undefined): boolean {
  return term !== undefined && term !== '' && term !== 'dumb';
}

/**
 * Ink's layout engine (yoga) checks `typeof fetch` while it loads its inlined
 * WebAssembly, and in Node 20 merely looking at `fetch` loads undici (~25 ms
 * of start-up). yoga does not fetch anything, so `fetch` is hidden meanwhile.
 */
async function withoutFetch<T>(load: () => Promise<T>): Promise<T> {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!descriptor?.configurable) return load();
  Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return await load();
  } finally {
    Object.defineProperty(globalThis, 'fetch', descriptor);
  }
}
