import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { currentPlatform, type Platform } from '../platform/index.js';

/** What an instance tells of its process group, so that someone stops it if tfui cannot. */
export interface ProcessGuard {
  /** A new process group (the instance's pid), and the marker its environment carries. */
  watch(pgid: number, marker: string): void;
  /** That group is gone: tfui stopped it, or saw it end, and checked. */
  release(pgid: number): void;
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
 * Started before the first instance: a process forked before it would
 * inherit nothing of it, and it inherits none of the instances' ptys.
 */
export class Watchdog implements ProcessGuard {
  private constructor(private readonly input: NodeJS.WritableStream & { destroyed: boolean }) {}

  /** Starts the watchdog, or returns null where it cannot run (no script beside tfui, no /bin/sh). */
  static start(timeoutMs: number, options: { platform?: Platform; script?: string; terminal?: GuardedTerminal } = {}): Watchdog | null {
    const { platform = currentPlatform(), script = WATCHDOG_SCRIPT, terminal } = options;
    if (process.platform === 'win32' || !existsSync(script) || !existsSync('/bin/sh')) return null;
    const finder = platform.shellCarrierFinder;
    const args = [script, String(Math.ceil(timeoutMs / 100)), finder.kind, ...(finder.kind === 'ps' ? finder.args : [])];
    const child = spawn('/bin/sh', args, {
      detached: true,
      // The terminal only for the screen's: a pipe held open by the watchdog would keep its reader waiting.
      stdio: ['pipe', terminal ? terminal.fd : 'ignore', 'ignore'],
      cwd: '/',
      env: terminal ? { ...process.env, TFUI_WATCHDOG_RESTORE: terminal.restore } : process.env,
    });
    // Neither keeps tfui running: tfui's end is what the watchdog waits for.
    child.unref();
    child.on('error', () => {});
    const input = child.stdin;
    if (!input) return null;
    input.on('error', () => {});
    (input as unknown as { unref?: () => void }).unref?.();
    return new Watchdog(input);
  }

  watch(pgid: number, marker: string): void {
    this.say(`watch ${pgid} ${marker}`);
  }

  release(pgid: number): void {
    this.say(`release ${pgid}`);
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
