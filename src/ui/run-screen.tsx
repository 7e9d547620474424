import chalk from 'chalk';
import { render } from 'ink';
import { loadPreferences, UserError, type AppConfig } from '../config/index.js';
import { describeUnverified, type DeferredSink, type Engine } from '../engine/index.js';
import { FrameScheduler } from '../terminal/frame-scheduler.js';
import { ModelRegistry } from '../terminal/model-registry.js';
import { App } from './App.js';
import { screenColourLevel } from './colour-level.js';
import { buildKeymap } from './keys/keymap.js';
import { sidebarRows } from './sidebar-rows.js';
import { TerminalModes } from './terminal-modes.js';

const FRAME_INTERVAL_MS = 33;
const DEFAULT_SCROLLBACK = 5000;
/** How long an emergency exit waits for processes to be killed. */
const EMERGENCY_KILL_MS = 2000;

/**
 * The full-screen app. Resolves with tfui's exit status once every process
 * is gone and the terminal is back as it was; every way out (q, Ctrl-C,
 * SIGINT/SIGTERM/SIGHUP, a crash inside tfui) restores the terminal first.
 */
export async function runScreen(app: AppConfig, started: { engine: Engine; sinks: Map<string, DeferredSink>; size: { cols: number; rows: number }; earlySignals?: () => void }): Promise<number> {
  // The default keys draw the first frame; the user's preferences (conf costs ~70 ms
  // to load) replace them a moment later, before anyone can type.
  const defaults = buildKeymap();
  if ('error' in defaults) throw new Error(defaults.error);
  let keys = defaults;

  const stdout = process.stdout;
  const stdin = process.stdin;
  /** OSC 52 to the real terminal: `c;BASE64` puts the text on the clipboard. */
  const copyToClipboard = (data: string) => stdout.write(`\x1b]52;${data}\x07`);
  const modes = new TerminalModes(stdout, stdin);
  const scheduler = new FrameScheduler(FRAME_INTERVAL_MS);
  const engine = started.engine;
  const models = new ModelRegistry(scheduler, {
    scrollback: DEFAULT_SCROLLBACK,
    size: () => started.size,
    // The terminal model's answers to a program's queries go back to that program.
    onReply: (id, data) => engine.write(id, data),
    onClipboard: (data) => copyToClipboard(data),
  });
  // Output held while the screen loaded goes to the terminal models, and from now on all of it.
  const unattached = new Set(started.sinks.keys());
  const attach = (id: string) => {
    unattached.delete(id);
    started.sinks.get(id)?.attach(models.modelFor(id));
  };
  // The first frame shows the first row's instance with what it already printed. The other
  // models (~1.5 ms each to make) follow right after that frame; their output is held until then.
  const firstShown = sidebarRows(engine.snapshot())[0]?.key;
  if (firstShown !== undefined && unattached.has(firstShown)) {
    attach(firstShown);
    await models.get(firstShown)?.flush();
  }
  // An instance made after the first frame (scaled up, or back up after going to 0, when its
  // pane and model are still there) has a sink of its own, held until attached here.
  engine.subscribe((event) => {
    if (event?.type === 'spawned' && started.sinks.get(event.id)?.attached === false) attach(event.id);
  });
  // A restarted instance keeps its earlier output; a rule tells the runs apart.
  engine.subscribe((event) => {
    if (event?.type !== 'spawned') return;
    const model = models.get(event.id);
    if (model && model.version > 0) model.beginRun(`started again ${new Date(event.at).toLocaleTimeString('en-GB')} (pid ${event.pid})`);
  });

  // What a stop could not check (a system without /proc or ps): said on the shell's screen once the screen is gone.
  const unverified = new Set<string>();
  engine.subscribe((event) => {
    if (event?.type === 'exited' && event.unverified) unverified.add(event.unverified);
  });

  // However the quit came (a key, a signal, `tfui quit` from another shell), the screen ends with it.
  const finished = engine.stopped.then(() => 0);

  function quit(): void {
    engine.quit('screen');
    scheduler.request();
  }

  function emergency(error: unknown): void {
    // Our bug: stop drawing and give the terminal back first, then say what happened, then leave nothing running.
    try {
      ink?.unmount();
    } catch {
      // Ink itself may be what broke.
    }
    modes.restore();
    process.stderr.write(`tfui: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    const timer = setTimeout(() => process.exit(70), EMERGENCY_KILL_MS);
    engine.quit('tfui', true);
    void engine.stopped.finally(() => {
      clearTimeout(timer);
      process.exit(70);
    });
  }

  let ink: ReturnType<typeof render> | undefined;
  /** Set once the screen is done: work queued for later turns of the event loop stops. */
  let closed = false;
  const redrawHandle: { redraw?: () => void } = {};
  function suspend(): void {
    modes.restore();
    process.kill(process.pid, 'SIGSTOP');
    // Continued (fg): execution goes on right here, before any timer or output due meanwhile could
    // draw a frame onto the shell's screen; the SIGCONT handler would run only after those.
    resume();
  }
  function resume(): void {
    modes.enter();
    if (stdin.isTTY) stdin.setRawMode(true);
    // The alternate screen is blank again: the last frame, then whatever changed while stopped.
    redrawHandle.redraw?.();
    scheduler.flush();
  }

  // Handed over from the loading phase in one step: no signal can come between.
  started.earlySignals?.();
  const stopListening = engine.quitOnSignals(process, (signal) => {
    // A hang-up means nobody watches the screen: stop drawing, give the terminal back, then stop.
    if (signal === 'SIGHUP') {
      ink?.unmount();
      modes.restore();
    }
    scheduler.request();
  });
  // Every other way out, and Ctrl-Z / fg, with what each does; removed again when the screen closes.
  const handlers: Array<[string, (arg: never) => void]> = [
    ['SIGTSTP', suspend],
    ['SIGCONT', resume],
    ['exit', () => modes.restore()],
    ['uncaughtException', emergency],
    ['unhandledRejection', emergency],
  ];
  for (const [event, handler] of handlers) process.on(event, handler as () => void);
  // Writes to a terminal that hung up fail with EIO; the run still stops cleanly.
  stdout.on('error', () => {});

  // Colours follow the terminal, not a CI variable (see colour-level.ts).
  const colourLevel = screenColourLevel(stdout, process.env);
  if (colourLevel !== undefined) chalk.level = colourLevel;

  modes.enter();
  try {
    // Raw before the first frame, not in the effect after it: a Ctrl-C pressed as the screen appears is
    // a key like any other, not a SIGINT to whatever shares tfui's process group.
    if (stdin.isTTY) stdin.setRawMode(true);
    const screen = () => (
      <App app={app} engine={engine} models={models} scheduler={scheduler} keymap={keys.keymap} keysOf={keys.keysOf} onQuit={quit} onSuspend={suspend} redrawHandle={redrawHandle} copyToClipboard={(text) => copyToClipboard(`c;${Buffer.from(text).toString('base64')}`)} />
    );
    // Not `incrementalRendering`: in Ink 6.8 it starts each frame one line too low
    // when the frame ends with a newline, as ours does (it is one row short of the screen).
    // maxFps 0: no throttle of Ink's own. The frame scheduler already caps frames drawn for
    // output; Ink's throttle only held back the frame of a key that came soon after one.
    ink = render(screen(), { stdout, stdin, exitOnCtrlC: false, patchConsole: false, maxFps: 0 });
    let preferencesError: UserError | undefined;
    const readPreferences = () =>
      loadPreferences()
        .then((prefs) => {
          if (closed) return;
          models.setScrollback(prefs.scrollback);
          const custom = buildKeymap(prefs.keys);
          if ('error' in custom) throw new UserError(`${prefs.path}: ${custom.error}`);
          keys = custom;
          ink?.rerender(screen());
        })
        .catch((error: unknown) => {
          // A broken preferences file: stop everything, then say so in one line.
          preferencesError = error instanceof UserError ? error : new UserError(String(error));
          engine.quit('tfui');
        });
    // The other models (a few ms each), then the preferences, one per turn of the event loop:
    // a key pressed as the first frame appears is answered between them, not after them all.
    const later = [...unattached];
    const next = (): void => {
      if (closed) return;
      const id = later.shift();
      if (id === undefined) return void readPreferences();
      if (unattached.has(id)) attach(id);
      setImmediate(next);
    };
    setImmediate(next);
    const status = await finished;
    if (preferencesError) throw preferencesError;
    return status;
  } finally {
    closed = true;
    // Ink draws its last frame when it unmounts (at exit, if not before): on the alternate screen, not the shell's.
    try {
      ink?.unmount();
    } catch {
      // Unmounting after a failed render: the terminal is restored below all the same.
    }
    modes.restore();
    for (const text of unverified) process.stderr.write(`tfui: ${describeUnverified(text)}\n`);
    scheduler.dispose();
    models.dispose();
    for (const [event, handler] of handlers) process.off(event, handler as () => void);
    stopListening();
  }
}
