import { closeSync, constants as fsConstants, openSync, writeSync } from 'node:fs';
import { constants } from 'node:os';
import { spawn as spawnPty, type IPty } from 'node-pty';
import { ptySlavePath, spawnWithNativeExit, takeOverSocketClose } from '../compat/node-pty-internals.js';
import { EndMarkerFilter } from './end-marker.js';

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
 * The longest we wait for the end marker (output stopped by ^S, a program that changed how the pty
 * writes). It comes in milliseconds; a loaded machine has been seen to take over a second.
 */
const MAX_DRAIN_MS = 3000;

/**
 * Runs `command` through `/bin/sh -c` in a new pty, so programs see a
 * terminal: colours, line buffering and prompts behave as in a shell. The pty
 * child is a session leader, so its process group id is its pid.
 *
 * node-pty 1.1 can lose the last output of a process that exits: when the
 * last slave fd closes, the master may report EOF before the kernel handed
 * over everything (a third of the runs of a 20 kB burst, measured here), and
 * otherwise it drops what is left after 200 ms. Waiting for a quiet moment
 * was not enough on a loaded machine either: the kernel moves a pty's bytes
 * in a worker thread, which can be late by any amount. So tfui holds the slave
 * open itself, learns of the exit from node-pty's native callback, writes an
 * end marker into the slave, and closes only when the marker comes out of
 * the master: everything written before it has then been read. Closing the
 * socket makes node-pty report the exit. This reaches into node-pty's
 * private parts (src/compat/node-pty-internals.ts), which is why its version
 * is pinned exactly.
 */
export const spawnInPty: SpawnPty = (options) => {
  let exitedNatively: (() => void) | undefined;
  const pty: IPty = spawnWithNativeExit(
    () =>
      spawnPty('/bin/sh', ['-c', shellCommandLine(options.command)], {
        name: options.env['TERM'] ?? 'xterm-256color',
        cols: options.cols,
        rows: options.rows,
        cwd: options.cwd,
        env: options.env,
        // Bytes, not UTF-8 text: line mode must pass invalid UTF-8 through as foreman does,
        // and xterm parses bytes faster than strings (research/stack.md §4).
        encoding: null,
      }),
    () => exitedNatively?.(),
  );
  const listeners: Array<(data: Buffer) => void> = [];
  const marker = Buffer.from(`\x1b_tfui-end:${pty.pid}:${Math.random().toString(36).slice(2)}\x1b\\`);
  const output = new EndMarkerFilter(marker, (data) => listeners.forEach((listener) => listener(data)), () => finish());
  // With `encoding: null` node-pty delivers Buffers, though its types say string.
  pty.onData((data) => output.push(data as unknown as Buffer));
  const slavePath = ptySlavePath(pty);
  let slave: number | undefined;
  try {
    // Non-blocking: the marker must never wait for room in a pty that only this thread empties.
    if (slavePath) slave = openSync(slavePath, fsConstants.O_RDWR | fsConstants.O_NOCTTY | fsConstants.O_NONBLOCK);
  } catch {
    // Without our hold on the slave, node-pty's own (lossy) end-of-output detection applies.
  }
  // node-pty destroys the socket 200 ms after the exit; while we wait for the marker, that is ours to do.
  let destroySocket: (() => void) | undefined;
  let giveUp: NodeJS.Timeout | undefined;
  let retry: NodeJS.Timeout | undefined;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    clearTimeout(giveUp);
    clearTimeout(retry);
    output.abandon();
    if (slave !== undefined) closeSync(slave);
    slave = undefined;
    destroySocket?.();
  };
  exitedNatively = () => {
    if (slave === undefined) return finish();
    destroySocket = takeOverSocketClose(pty);
    if (!destroySocket) return finish();
    output.arm();
    // After a stall, timers run before the poll that may hold the marker: give the poll one turn first.
    giveUp = setTimeout(() => setImmediate(finish), MAX_DRAIN_MS);
    writeMarker();
  };
  let markerWritten = 0;
  const writeMarker = () => {
    if (finished || slave === undefined) return;
    try {
      markerWritten += writeSync(slave, marker, markerWritten);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return finish();
    }
    // A full pty takes the rest once the event loop has read some of it.
    if (markerWritten < marker.length) retry = setTimeout(writeMarker, 1);
  };
  // node-pty emits 'exit' only after the pty's socket closed, so all output
  // has been delivered through onData by then.
  const exited = new Promise<ExitStatus>((resolve) => {
    pty.onExit(({ exitCode, signal }) => {
      resolve(signal ? { code: null, signal: signalName(signal) ?? `SIG${signal}` } : { code: exitCode, signal: null });
    });
  });
  return {
    pid: pty.pid,
    onData: (listener) => {
      listeners.push(listener);
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
