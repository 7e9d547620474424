import type { OutputSink } from '../engine/index.js';

export interface LineWriter {
  write(chunk: string | Uint8Array): unknown;
}

export interface LinePrinterOptions {
  out: LineWriter;
  timestamps: boolean;
  color: boolean;
  /** Width names are padded to (foreman's rule: see `nameWidth`). */
  nameWidth: number;
  now?: () => Date;
}

// foreman's palette, by a type's position in the Procfile; its "bright"
// colours use the same codes as the plain ones, so the cycle is six long.
const TYPE_COLORS = [36, 33, 32, 35, 31, 34];
const SYSTEM_COLOR = 37;
/** A line longer than this without a newline is printed in pieces rather than held forever. */
const MAX_PARTIAL = 1 << 20;
const NEWLINE = 0x0a;
const CR = 0x0d;
const EMPTY = Buffer.alloc(0);
const KEPT_LINES = 20;

/**
 * foreman's name column: the longest type name plus the digits of the largest
 * count plus one (for the dot), over every Procfile type, at least 6.
 */
export function nameWidth(typeNames: readonly string[], counts: readonly number[]): number {
  const indexWidth = String(Math.max(0, ...counts)).length + 1;
  return Math.max(6, ...typeNames.map((name) => name.length + indexWidth));
}

/**
 * foreman-style output: `HH:MM:SS web.1  | text`, byte for byte as Ruby
 * foreman 0.87 prints it (bytes that are not UTF-8 included). Only whole
 * lines are printed, so lines from different processes never break or merge.
 */
export class LinePrinter {
  constructor(private readonly options: LinePrinterOptions) {}

  /** A sink that turns an instance's pty output into whole prefixed lines. */
  sinkFor(name: string, typeIndex: number): OutputSink {
    let partial: Buffer = EMPTY;
    // The last lines, kept for the account of an exit (the timeline, crash messages).
    const recent: Buffer[] = [];
    const remember = (line: Buffer) => {
      recent.push(line);
      if (recent.length > KEPT_LINES) recent.shift();
    };
    return {
      lastLines: (count) => recent.slice(-count).map((line) => line.toString('utf8')),
      write: (data) => {
        partial = partial.length === 0 ? Buffer.from(data) : Buffer.concat([partial, data]);
        const end = partial.lastIndexOf(NEWLINE);
        const pieces: Buffer[] = [];
        if (end >= 0) {
          const prefix = this.prefix(name, typeColor(typeIndex));
          for (let start = 0; start <= end; ) {
            const newline = partial.indexOf(NEWLINE, start);
            const line = stripCr(partial.subarray(start, newline));
            pieces.push(prefix, line, NEWLINE_BUFFER);
            remember(Buffer.from(line));
            start = newline + 1;
          }
          partial = Buffer.from(partial.subarray(end + 1));
        }
        if (partial.length > MAX_PARTIAL) {
          pieces.push(this.prefix(name, typeColor(typeIndex)), partial, NEWLINE_BUFFER);
          partial = EMPTY;
        }
        // One write per chunk: a flood of lines costs one syscall, not one per line.
        if (pieces.length > 0) this.options.out.write(Buffer.concat(pieces));
      },
      flush: () => {
        // A last line without a newline is still a line (foreman loses it).
        if (partial.length > 0) {
          this.options.out.write(Buffer.concat([this.prefix(name, typeColor(typeIndex)), stripCr(partial), NEWLINE_BUFFER]));
          remember(Buffer.from(stripCr(partial)));
        }
        partial = EMPTY;
      },
    };
  }

  /** One line of tfui's own for an instance (`started with pid 42`). */
  line(name: string, typeIndex: number, text: string): void {
    this.options.out.write(Buffer.concat([this.prefix(name, typeColor(typeIndex)), Buffer.from(`${text}\n`)]));
  }

  /** A line from tfui itself, under the name `system`. */
  system(text: string): void {
    this.options.out.write(Buffer.concat([this.prefix('system', SYSTEM_COLOR), Buffer.from(`${text}\n`)]));
  }

  private prefix(name: string, color: number): Buffer {
    const { options } = this;
    return Buffer.from(linePrefix(name, options.nameWidth, options.color ? color : null, options.timestamps ? (options.now ?? (() => new Date()))() : null));
  }
}

/** foreman's `HH:MM:SS web.1  | `, coloured when `color` is an SGR colour number. */
export function linePrefix(name: string, width: number, color: number | null, time: Date | null): string {
  let prefix = color !== null ? `\x1b[${color}m` : '';
  if (time) prefix += `${clock(time)} `;
  prefix += `${name.padEnd(width)} | `;
  if (color !== null) prefix += '\x1b[0m';
  return prefix;
}

const NEWLINE_BUFFER = Buffer.from('\n');

/** foreman's colour for the type at `typeIndex` in the Procfile. */
export function typeColor(typeIndex: number): number {
  return TYPE_COLORS[typeIndex % TYPE_COLORS.length] as number;
}

// The pty turns "\n" into "\r\n"; a line the program ended with "\r\n" itself arrives as "\r\r\n".
function stripCr(line: Buffer): Buffer {
  let end = line.length;
  if (end > 0 && line[end - 1] === CR) end -= 1;
  if (end > 0 && line[end - 1] === CR) end -= 1;
  return line.subarray(0, end);
}

function clock(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}
