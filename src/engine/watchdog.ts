import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { currentPlatform, type Platform } from '../platform/index.js';
import { MARKER_VARIABLE } from './process-tree.js';

/** What an instance tells of its process group, so that someone stops it if tfui cannot. */
export interface ProcessGuard {
  /** A new process group (the instance's pid), and the marker its environment carries. */
  watch(pgid: number, marker: string): void;
  /** That group (with that marker: its number may be another run's by now) is gone: tfui stopped it, or saw it end, and checked. */
  release(pgid: number, marker: string): void;
}

/** A terminal the watchdog gives back if tfui dies: its fd in tfui, and what to write to it (the screen's leave sequence). */
export interface GuardedTerminal {
  fd: number;
  restore: string;
}

/** The script beside this module: src/engine in tests, dist/ once built (the build copies it). */
export const WATCHDOG_SCRIPT = fileURLToPath(new URL('./tfui-watchdog.sh', import.meta.url));

/**
 * The guard for the one path tfui cannot act on: its own death (kill -9, the
 * OOM killer). A small shell script (tfui-watchdog.sh) in a session of its
 * own, so neither the terminal's signals nor its hang-up reach it, reads what
 * tfui tells it on a pipe; when the pipe ends without a "bye", tfui is gone
 * and the script stops every group still watched, as tfui would have.
 *
 * Started before the first instance, so it inherits none of their ptys. It is
 * not tfui's child (a shell starts it in the background and exits) and does
 * not carry tfui's own TFUI_INSTANCE: a tfui inside another tfui's instance
 * keeps a watchdog that the outer one's stop neither finds nor waits for.
 */
export class Watchdog implements ProcessGuard {
  private constructor(private readonly input: NodeJS.WritableStream & { destroyed: boolean }) {}

  /** Starts the watchdog, or returns null where it cannot run (no script beside tfui, no /bin/sh). */
  static start(timeoutMs: number, options: { platform?: Platform; script?: string; terminal?: GuardedTerminal } = {}): Watchdog | null {
    const { platform = currentPlatform(), script = WATCHDOG_SCRIPT, terminal } = options;
    if (process.platform === 'win32' || !existsSync(script) || !existsSync('/bin/sh')) return null;
    const finder = platform.shellCarrierFinder;
    const args = [script, String(Math.round(timeoutMs)), finder.kind, String(process.pid), ...(finder.kind === 'ps' ? finder.args : [])];
    const env: NodeJS.ProcessEnv = { ...process.env, ...(terminal ? { TFUI_WATCHDOG_RESTORE: terminal.restore } : {}) };
    delete env[MARKER_VARIABLE];
    const child = spawn('/bin/sh', ['-c', '"$0" "$@" &', '/bin/sh', ...args], {
      detached: true,
      // What tfui tells it goes on fd 3: node closes a child's stdin when the child exits, as this shell does at once.
      // The terminal only for the screen's: a pipe held open by the watchdog would keep its reader waiting.
      stdio: ['ignore', terminal ? terminal.fd : 'ignore', 'ignore', 'pipe'],
      cwd: '/',
      env,
    });
    // Neither keeps tfui running: tfui's end is what the watchdog waits for.
    child.unref();
    child.on('error', () => {});
    const input = child.stdio[3] as (NodeJS.WritableStream & { destroyed: boolean }) | null | undefined;
    if (!input) return null;
    input.on('error', () => {});
    (input as unknown as { unref?: () => void }).unref?.();
    return new Watchdog(input);
  }

  watch(pgid: number, marker: string): void {
    // The script refuses anything else too: a group id of 0 or 1 would be its own group, or everyone.
    if (Number.isInteger(pgid) && pgid > 1) this.say(`watch ${pgid} ${marker}`);
  }

  release(pgid: number, marker: string): void {
    this.say(`release ${pgid} ${marker}`);
  }

  /** Everything is stopped: the watchdog ends without doing anything. */
  dismiss(): void {
    this.say('bye');
    if (!this.input.destroyed) this.input.end();
  }

  private say(line: string): void {
    // A watchdog that died (someone killed it) makes writes fail with EPIPE: tfui goes on without it.
    if (!this.input.destroyed) this.input.write(`${line}\n`);
  }
}
