import type { OutputSink } from '../engine/index.js';

export interface LineWriter {
  write(text: string): unknown;
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
 * foreman 0.87 prints it. Only whole lines are printed, so lines from
 * different processes never break or merge.
 */
export class LinePrinter {
  constructor(private readonly options: LinePrinterOptions) {}

  /** A sink that turns an instance's pty output into whole prefixed lines. */
  sinkFor(name: string, typeIndex: number): OutputSink {
    let partial = '';
    return {
      write: (data) => {
        partial += data;
        const end = partial.lastIndexOf('\n');
        let lines: string[] = [];
        if (end >= 0) {
          lines = partial.slice(0, end).split('\n');
          partial = partial.slice(end + 1);
        }
        if (partial.length > MAX_PARTIAL) {
          lines.push(partial);
          partial = '';
        }
        // One write per chunk: a flood of lines costs one syscall, not one per line.
        if (lines.length > 0) this.options.out.write(lines.map((text) => this.format(name, typeColor(typeIndex), stripCr(text))).join(''));
      },
      flush: () => {
        // A last line without a newline is still a line (foreman loses it).
        if (partial !== '') this.line(name, typeIndex, partial);
        partial = '';
      },
    };
  }

  /** One line for an instance; a trailing CR (the pty's `\r\n`) is dropped. */
  line(name: string, typeIndex: number, text: string): void {
    this.options.out.write(this.format(name, typeColor(typeIndex), stripCr(text)));
  }

  /** A line from tfui itself, under the name `system`. */
  system(text: string): void {
    this.options.out.write(this.format('system', SYSTEM_COLOR, text));
  }

  private format(name: string, color: number, text: string): string {
    const { options } = this;
    let prefix = options.color ? `\x1b[${color}m` : '';
    if (options.timestamps) prefix += `${clock((options.now ?? (() => new Date()))())} `;
    prefix += `${name.padEnd(options.nameWidth)} | `;
    if (options.color) prefix += '\x1b[0m';
    return `${prefix}${text}\n`;
  }
}

function typeColor(typeIndex: number): number {
  return TYPE_COLORS[typeIndex % TYPE_COLORS.length] as number;
}

// The pty turns "\n" into "\r\n"; a line the program ended with "\r\n" itself arrives as "\r\r\n".
function stripCr(text: string): string {
  return text.replace(/\r{1,2}$/, '');
}

function clock(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}
