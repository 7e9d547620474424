import stripAnsi from 'strip-ansi';

/** One line of an instance's output as plain text, numbered from its first line. */
export interface LogLine {
  /** 1 for the first line the instance ever printed; never reused. */
  seq: number;
  text: string;
}

export interface LogRead {
  lines: LogLine[];
  /** The seq of the last line returned (or of the newest line, when none matched): read on after it. */
  cursor: number;
  /** Lines after the requested cursor that are no longer kept (old output dropped, or read too late). */
  skipped: number;
}

/** Unread output held before the oldest goes: reading it is what costs, so it waits for a reader. */
const MAX_UNREAD_BYTES = 1 << 20;
const NEWLINE = 0x0a;

/**
 * An instance's output for readers outside the screen (`tfui logs`, MCP): the
 * last lines as plain text, with a cursor to read on from.
 *
 * Writing only keeps the bytes; they become lines when someone reads, so a
 * flood costs nothing while nobody asks. Unread bytes are bounded: past the
 * bound the oldest are dropped and counted as skipped lines once read.
 */
export class OutputLog {
  private unread: Buffer[] = [];
  private unreadBytes = 0;
  /** The bytes before the first unread chunk were dropped: the first (partial) line is not whole. */
  private cutBeforeUnread = false;
  private readonly kept: LogLine[] = [];
  private partial = '';
  private nextSeq = 1;
  private readonly decoder = new TextDecoder('utf-8');
  /** Lines known to be lost (dropped unread), for `skipped`. */
  private lostLines = 0;

  constructor(private readonly maxLines = 5000) {}

  append(data: Uint8Array): void {
    const chunk = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    this.unread.push(Buffer.from(chunk));
    this.unreadBytes += chunk.length;
    if (this.unreadBytes > MAX_UNREAD_BYTES * 2) this.dropOldestUnread();
  }

  /** The newest line's seq (0 before any). */
  get lastSeq(): number {
    this.parse();
    return this.nextSeq - 1;
  }

  /**
   * Lines after `after` (a cursor from an earlier read; 0 or omitted: from the
   * oldest kept), at most `limit` of them counted from the newest, and only
   * those `filter` accepts.
   */
  read(options: { after?: number; limit?: number; filter?: (text: string) => boolean } = {}): LogRead {
    this.parse();
    const after = options.after ?? 0;
    const oldest = this.kept[0]?.seq ?? this.nextSeq;
    const skipped = Math.max(0, oldest - after - 1);
    let lines = this.kept.filter((line) => line.seq > after);
    if (options.filter) lines = lines.filter((line) => options.filter?.(line.text));
    if (options.limit !== undefined) lines = options.limit > 0 ? lines.slice(-options.limit) : [];
    const cursor = options.filter || lines.length === 0 ? this.nextSeq - 1 : (lines.at(-1) as LogLine).seq;
    return { lines, cursor: Math.max(cursor, after), skipped };
  }

  /** The line still being printed (no newline yet), as plain text. */
  get pendingLine(): string {
    this.parse();
    return plain(this.partial);
  }

  private dropOldestUnread(): void {
    while (this.unreadBytes > MAX_UNREAD_BYTES && this.unread.length > 1) {
      const dropped = this.unread.shift() as Buffer;
      this.unreadBytes -= dropped.length;
      this.lostLines += countNewlines(dropped);
    }
    this.cutBeforeUnread = true;
  }

  private parse(): void {
    if (this.unread.length === 0) return;
    let text = this.decoder.decode(Buffer.concat(this.unread), { stream: true });
    this.unread = [];
    this.unreadBytes = 0;
    if (this.cutBeforeUnread) {
      // The line that was cut is not whole: it starts again after its end.
      this.cutBeforeUnread = false;
      this.partial = '';
      const end = text.indexOf('\n');
      text = end >= 0 ? text.slice(end + 1) : '';
      this.nextSeq += this.lostLines + 1;
      this.lostLines = 0;
    }
    const pieces = (this.partial + text).split('\n');
    this.partial = pieces.pop() ?? '';
    for (const piece of pieces) this.kept.push({ seq: this.nextSeq++, text: plain(piece) });
    if (this.kept.length > this.maxLines) this.kept.splice(0, this.kept.length - this.maxLines);
  }
}

/**
 * A pty line as a person saw it: escape sequences gone, and a carriage return
 * returning to the start of the line so that what follows overwrites it (a
 * `\r` progress bar reads as its last state).
 */
export function plain(raw: string): string {
  const text = stripAnsi(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
  if (!text.includes('\r')) return text;
  let shown = '';
  for (const part of text.split('\r')) shown = part + shown.slice(part.length);
  return shown;
}

function countNewlines(chunk: Buffer): number {
  let count = 0;
  for (let at = chunk.indexOf(NEWLINE); at >= 0; at = chunk.indexOf(NEWLINE, at + 1)) count++;
  return count;
}
