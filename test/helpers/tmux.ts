/**
 * Drives the REAL full-screen tfui inside a private tmux server at a fixed
 * size, and reads back the screen a person would see.
 *
 * Each app gets its own tmux server (`tmux -L <unique> -f /dev/null`), its
 * own preferences directory (TFUI_CONFIG_DIR) and a tiny launcher script:
 *
 *   printf BEFORE_TFUI…          (so a test can see the shell's screen come back)
 *   sh -c 'echo $$ > pid; exec node bin/tfui.js ARGS'   (tfui's pid, for signals)
 *   echo TFUI_EXIT=$? > status   (tfui's exit status)
 *   printf AFTER_TFUI$…; exec sleep  (keeps the pane, like a shell prompt)
 *
 * Nothing here sleeps for a fixed time: every wait polls a condition until a
 * deadline, and a timeout reports the screen as it was.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TFUI_BIN } from './cli.js';

/** Printed by the launcher before tfui starts; visible again once tfui has left the alternate screen. */
export const BEFORE_TFUI = 'BEFORE_TFUI: the shell screen before tfui';
/** Printed by the launcher after tfui exits, like a shell prompt. */
export const AFTER_TFUI = 'AFTER_TFUI$';

export const DEFAULT_WAIT_MS = 15_000;

export type ScreenCondition = RegExp | string | ((screen: string) => boolean);

export interface TmuxAppOptions {
  /** Arguments after `node bin/tfui.js`. */
  args?: string[];
  /** Where tfui runs (the project folder). */
  cwd: string;
  cols?: number;
  rows?: number;
  /** Extra environment for tfui (added after the defaults). */
  env?: Record<string, string>;
  /** tfui's stderr goes to this file instead of the terminal. */
  stderrFile?: string;
  /** A command that runs `node bin/tfui.js ARGS` as its arguments and then execs it (`unshare …`): tfui keeps its pid. */
  wrapper?: string[];
}

export interface TmuxApp {
  readonly cols: number;
  readonly rows: number;
  /** tmux key names or characters, one tmux argument each: `j`, `Down`, `Enter`, `Escape`, `Tab`, `C-a`. */
  sendKeys(...keys: string[]): void;
  /** Text typed literally (`send-keys -l`): reaches tfui as one read, like a paste or very fast typing. */
  sendText(text: string): void;
  /** A paste, as a terminal makes one: marked with ESC[200~ … ESC[201~ when the app turned bracketed paste on. */
  paste(text: string): void;
  /** The visible screen as plain text, one line per row (trailing blanks trimmed by tmux). */
  screen(): string;
  /** The visible screen with SGR escape sequences (`capture-pane -e`); `keepStyledBlanks` keeps styled blanks at rows' ends (`-N`). */
  screenWithStyles(keepStyledBlanks?: boolean): string;
  /** Polls the screen until `condition` holds; throws with the screen in the message at the deadline. */
  waitForScreen(condition: ScreenCondition, options?: { timeoutMs?: number; styles?: boolean; what?: string }): Promise<string>;
  /** Resizes the terminal (the tmux window), as a person resizing their terminal. */
  resize(cols: number, rows: number): void;
  /** `tmux display -p FORMAT` for the pane, e.g. `#{cursor_flag} #{alternate_on}`. */
  display(format: string): string;
  /** What the app last put on the clipboard with OSC 52 (tmux keeps it as its newest buffer), or ''. */
  clipboard(): string;
  /** tfui's pid (the launcher `exec`s node, so it is this pane's tfui). */
  pid(): Promise<number>;
  /** tfui's exit status once it has exited, else null. */
  exitStatus(): number | null;
  /** Waits until tfui has exited; resolves with its status. */
  waitForExit(timeoutMs?: number): Promise<number>;
  /** Kills the tmux server, tfui (SIGKILL, if still alive) and removes the temp files. Safe to call twice. */
  kill(): void;
}

let counter = 0;

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function tmux(socket: string, args: string[], env?: NodeJS.ProcessEnv): string {
  const result = spawnSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8', env: env ?? process.env });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`tmux ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** Polls `probe` until it returns a value other than undefined/false; `describe` fills the timeout message. */
export async function poll<T>(probe: () => T | undefined | false, timeoutMs: number, describe: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms\n${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
}

/** The environment tfui sees: this one, less whatever would change how Ink or colours behave. */
function cleanEnvironment(extra: Record<string, string>, configDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // Ink renders only the last frame in CI (is-in-ci looks at CI, CONTINUOUS_INTEGRATION and CI_*).
    if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) continue;
    if (key === 'NO_COLOR' || key === 'FORCE_COLOR' || key === 'TMUX' || key === 'TMUX_PANE' || key === 'PORT' || key === 'PS') continue;
    if (key.startsWith('VITEST') || key === 'NODE_ENV') continue;
    env[key] = value;
  }
  return { ...env, TERM: 'xterm-256color', TFUI_CONFIG_DIR: configDir, ...extra };
}

/** Starts `node bin/tfui.js ARGS` in a detached tmux session of COLS × ROWS; returns at once (wait for the screen you need). */
export async function startInTmux(options: TmuxAppOptions): Promise<TmuxApp> {
  const cols = options.cols ?? 80;
  const rows = options.rows ?? 24;
  const socket = `tfui-e2e-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
  const work = mkdtempSync(join(tmpdir(), 'tfui-tmux-'));
  const configDir = join(work, 'config');
  const pidFile = join(work, 'pid');
  const statusFile = join(work, 'status');
  /** Keyboard signals that reached the launcher: the pane's terminal was not raw when a key came. */
  const signalsFile = join(work, 'launcher-signals');
  const env = cleanEnvironment(options.env ?? {}, configDir);
  const exports = Object.entries(env)
    .filter(([key, value]) => value !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key))
    .map(([key, value]) => `export ${key}=${shellQuote(value as string)}`)
    .join('\n');
  const command = [...(options.wrapper ?? []), process.execPath, TFUI_BIN, ...(options.args ?? [])].map(shellQuote).join(' ') + (options.stderrFile ? ` 2>${shellQuote(options.stderrFile)}` : '');
  const launcher = join(work, 'launch.sh');
  writeFileSync(
    launcher,
    [
      '#!/bin/sh',
      // tmux sets TERM (and TMUX) itself: the exports put ours back.
      exports,
      'unset TMUX TMUX_PANE',
      // A Ctrl-C that reaches the pane as a signal (the app not in raw mode) must not end the pane and the
      // tmux server with it: the app's own fate is the test's to judge, and the failure says it happened.
      // A trap, not an ignore: the app gets the default back.
      `trap 'echo SIGINT >> ${shellQuote(signalsFile)}' INT`,
      `trap 'echo SIGQUIT >> ${shellQuote(signalsFile)}' QUIT`,
      `cd ${shellQuote(options.cwd)} || exit 99`,
      `printf '%s\\n' ${shellQuote(BEFORE_TFUI)}`,
      `sh -c 'echo $$ > "$0"; exec "$@"' ${shellQuote(pidFile)} ${command}`,
      `echo "TFUI_EXIT=$?" > ${shellQuote(statusFile)}`,
      `printf '%s ' ${shellQuote(AFTER_TFUI)}`,
      'exec sleep 100000',
      '',
    ].join('\n'),
  );

  tmux(socket, ['new-session', '-d', '-s', 'e2e', '-x', String(cols), '-y', String(rows), `sh ${shellQuote(launcher)}`], env);
  const target = ['-t', 'e2e:0.0'];
  // kill-server leaves the socket file behind: remembered here, removed in kill().
  let socketPath = '';
  try {
    socketPath = tmux(socket, ['display-message', '-p', ...target, '#{socket_path}']).trim();
    // An app's OSC 52 then lands in a tmux buffer, where clipboard() reads it.
    tmux(socket, ['set-option', '-s', 'set-clipboard', 'on']);
    // A launcher that dies anyway leaves its pane (and the server) to say how: "Pane is dead (signal N)".
    tmux(socket, ['set-option', '-g', 'remain-on-exit', 'on']);
  } catch (error) {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
  let killed = false;
  let tfuiPid: number | undefined;

  const capture = (styles: boolean, keepStyledBlanks = false): string => {
    try {
      return tmux(socket, ['capture-pane', '-p', ...(styles ? ['-e'] : []), ...(keepStyledBlanks ? ['-N'] : []), ...target]);
    } catch (error) {
      return `(no screen: ${error instanceof Error ? error.message : String(error)})`;
    }
  };
  const readStatus = (): number | null => {
    if (!existsSync(statusFile)) return null;
    const match = /TFUI_EXIT=(\d+)/.exec(readFileSync(statusFile, 'utf8'));
    return match ? Number(match[1]) : null;
  };
  const framed = (screen: string) => {
    const signals = existsSync(signalsFile) ? `the launcher got ${readFileSync(signalsFile, 'utf8').trim().split('\n').join(', ')} from the keyboard\n` : '';
    return `${signals}--- screen (${cols}x${rows}) ---\n${screen}\n--- end of screen ---`;
  };

  const app: TmuxApp = {
    cols,
    rows,
    sendKeys(...keys) {
      tmux(socket, ['send-keys', ...target, ...keys]);
    },
    sendText(text) {
      // `--`: a text such as "---" is not a flag.
      tmux(socket, ['send-keys', ...target, '-l', '--', text]);
    },
    paste(text) {
      tmux(socket, ['set-buffer', '--', text]);
      tmux(socket, ['paste-buffer', '-p', '-d', ...target]);
    },
    screen: () => capture(false),
    screenWithStyles: (keepStyledBlanks) => capture(true, keepStyledBlanks),
    async waitForScreen(condition, { timeoutMs = DEFAULT_WAIT_MS, styles = false, what } = {}) {
      const test =
        typeof condition === 'function' ? condition : typeof condition === 'string' ? (s: string) => s.includes(condition) : (s: string) => condition.test(s);
      let last = '';
      return poll(
        () => {
          last = capture(styles);
          return test(last) ? last : undefined;
        },
        timeoutMs,
        () => `waiting for ${what ?? String(condition)}\n${framed(styles ? JSON.stringify(last) : last)}`,
      );
    },
    resize(newCols, newRows) {
      tmux(socket, ['resize-window', ...target, '-x', String(newCols), '-y', String(newRows)]);
    },
    display(format) {
      return tmux(socket, ['display-message', '-p', ...target, format]).trim();
    },
    clipboard() {
      try {
        return tmux(socket, ['show-buffer']);
      } catch {
        return '';
      }
    },
    async pid() {
      if (tfuiPid !== undefined) return tfuiPid;
      tfuiPid = await poll(
        () => {
          if (!existsSync(pidFile)) return undefined;
          const pid = Number(readFileSync(pidFile, 'utf8').trim());
          return pid > 0 ? pid : undefined;
        },
        DEFAULT_WAIT_MS,
        () => `tfui's pid file never appeared\n${framed(capture(false))}`,
      );
      return tfuiPid;
    },
    exitStatus: readStatus,
    waitForExit(timeoutMs = DEFAULT_WAIT_MS) {
      return poll(() => readStatus() ?? undefined, timeoutMs, () => `tfui did not exit\n${framed(capture(false))}`);
    },
    kill() {
      if (killed) return;
      killed = true;
      try {
        tmux(socket, ['kill-server']);
      } catch {
        // Already gone.
      }
      const pid = tfuiPid ?? (existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : 0);
      if (pid > 0 && isAlive(pid)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Gone meanwhile.
        }
      }
      if (socketPath) rmSync(socketPath, { force: true });
      removeLater(work);
    },
  };
  return app;
}

/**
 * Removes a test's temp folder. Something of a just-killed app (the launcher's
 * last write, a tfui not yet reaped) can still write into it for a moment, and
 * a temp folder left for a while is no test's business: what cannot go now
 * goes when the test process exits.
 */
function removeLater(folder: string): void {
  try {
    rmSync(folder, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  } catch {
    process.once('exit', () => {
      try {
        rmSync(folder, { recursive: true, force: true });
      } catch {
        // Left in the temp dir.
      }
    });
  }
}
