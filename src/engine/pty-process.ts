import { constants } from 'node:os';
import { spawn as spawnPty, type IPty } from 'node-pty';

export interface PtySpawnOptions {
  command: string;
  cwd: string;
  env: Record<string, string>;
  cols: number;
  rows: number;
}

/** How a process ended: a code, or the name of the signal that killed it. */
export interface ExitStatus {
  code: number | null;
  signal: string | null;
}

/** One command running in its own pseudo-terminal. */
export interface PtyProcess {
  readonly pid: number;
  /** Raw bytes as the program wrote them: not decoded, so nothing is lost or replaced. */
  onData(listener: (data: Buffer) => void): void;
  /** Resolves once the process exited and node-pty delivered its last bytes. */
  readonly exited: Promise<ExitStatus>;
  write(data: string): void;
  resize(cols: number, rows: number): void;
}

export type SpawnPty = (options: PtySpawnOptions) => PtyProcess;

const SIGNAL_NAMES = new Map<number, NodeJS.Signals>(
  Object.entries(constants.signals).map(([name, number]) => [number, name as NodeJS.Signals]),
);

export function signalName(signal: number): NodeJS.Signals | null {
  return SIGNAL_NAMES.get(signal) ?? null;
}

// Words after which the shell must stay: reserved words that start a compound
// command, and builtins that are not programs (`exec exit 0` would fail).
const RESERVED_FIRST_WORD =
  /^(if|then|else|elif|fi|case|esac|for|while|until|do|done|function|select|time|exec|\{|\}|!|\[\[|exit|cd|export|unset|set|trap|wait|eval|source|\.|:|shift|return|break|continue|readonly|local|alias|unalias|ulimit|umask|read|getopts|hash|type|command|jobs|fg|bg)$/;

/**
 * The command line to hand to `/bin/sh -c`. A single simple command is
 * prefixed with `exec`, so the program replaces the shell (dash does not do
 * this itself): its pid is the instance's pid, as in foreman, it receives our
 * signals first-hand, and its own exit status is the one reported.
 */
export function shellCommandLine(command: string): string {
  const trimmed = command.trim();
  const firstWord = trimmed.split(/\s+/)[0] ?? '';
  const simple = !/[;&|<>()`\n]/.test(trimmed) && !firstWord.includes('=') && !RESERVED_FIRST_WORD.test(firstWord);
  return simple ? `exec ${trimmed}` : command;
}

/**
 * Runs `command` through `/bin/sh -c` in a new pty, so programs see a
 * terminal: colours, line buffering and prompts behave as in a shell. The pty
 * child is a session leader, so its process group id is its pid.
 */
export const spawnInPty: SpawnPty = (options) => {
  const pty: IPty = spawnPty('/bin/sh', ['-c', shellCommandLine(options.command)], {
    name: options.env['TERM'] ?? 'xterm-256color',
    cols: options.cols,
    rows: options.rows,
    cwd: options.cwd,
    env: options.env,
    // Bytes, not UTF-8 text: line mode must pass invalid UTF-8 through as foreman does,
    // and xterm parses bytes faster than strings (research/stack.md §4).
    encoding: null,
  });
  // node-pty emits 'exit' only after the pty's socket closed (or 200 ms), so
  // all output has been delivered through onData by then.
  const exited = new Promise<ExitStatus>((resolve) => {
    pty.onExit(({ exitCode, signal }) => {
      resolve(signal ? { code: null, signal: signalName(signal) ?? `SIG${signal}` } : { code: exitCode, signal: null });
    });
  });
  return {
    pid: pty.pid,
    onData: (listener) => {
      // With `encoding: null` node-pty delivers Buffers, though its types say string.
      pty.onData(listener as unknown as (data: string) => void);
    },
    exited,
    write: (data) => pty.write(data),
    resize: (cols, rows) => {
      try {
        pty.resize(cols, rows);
      } catch {
        // The pty closed between the exit and this call: nothing to resize.
      }
    },
  };
};
