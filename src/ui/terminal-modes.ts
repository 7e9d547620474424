import { writeSync } from 'node:fs';

/**
 * The outer terminal's modes a full-screen app changes, and how to put them
 * back: the alternate screen, a hidden cursor, mouse reports (SGR), and
 * bracketed paste, so that a paste arrives marked as one and is not read as
 * key presses.
 */
export const ENTER = '\x1b[?1049h\x1b[2J\x1b[H\x1b[?25l\x1b[?1000h\x1b[?1006h\x1b[?2004h';
export const LEAVE = '\x1b[?2004l\x1b[?1006l\x1b[?1000l\x1b[?25h\x1b[?1049l';
/** LEAVE for a tfui that died, maybe mid-frame: Ink's synchronized update (`?2026h`) is ended first. */
export const LEAVE_AFTER_DEATH = `\x1b[?2026l${LEAVE}`;

/**
 * Enters the alternate screen with the cursor hidden and mouse reports on;
 * `restore` undoes all of it and is safe to call any number of times, from
 * any exit path (it writes synchronously, so it works inside 'exit').
 */
export class TerminalModes {
  private active = false;

  constructor(
    private readonly out: { fd?: number; write(text: string): unknown },
    private readonly stdin: { isTTY?: boolean; setRawMode?(raw: boolean): unknown },
  ) {}

  enter(): void {
    if (this.active) return;
    this.active = true;
    this.writeNow(ENTER);
  }

  restore(): void {
    if (!this.active) return;
    this.active = false;
    try {
      if (this.stdin.isTTY) this.stdin.setRawMode?.(false);
    } catch {
      // The terminal is gone (SIGHUP): nothing to restore.
    }
    this.writeNow(LEAVE);
  }

  private writeNow(text: string): void {
    try {
      if (typeof this.out.fd === 'number') {
        // Synchronous, so it lands even when the process is about to exit.
        writeSync(this.out.fd, text);
      } else this.out.write(text);
    } catch {
      // EIO after a hang-up: the terminal no longer exists.
    }
  }
}

