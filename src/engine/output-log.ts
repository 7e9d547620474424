import stripAnsi from 'strip-ansi';

/** One line of an instance's output as plain text, numbered from its first line. */
export interface LogLine {
  /** 1 for the first line the instance ever printed; never reused. */
  seq: number;
  /** Epoch ms when the line's end was read. */
  at: number;
  text: string;
}

export interface LogRead {
  lines: LogLine[];
  /** The seq of the last line returned (or of the newest line, when none matched): read on after it. */
  cursor: number;
  /** Lines after the requested cursor that are no longer kept (old output dropped, or read too late). */
  skipped: number;
}

/**
 * Unread output held before the oldest goes (up to twice this, then down to
 * it): reading it is what costs, so it waits for a reader. About the last
 * 5 000 lines of 100 bytes; more would be memory a flood holds for nobody.
 */
const MAX_UNREAD_BYTES = 512 * 1024;
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
  private unread: Array<{ data: Buffer; at: number }> = [];
  private unreadBytes = 0;
  /** Bytes before the unread ones were dropped: what comes up to the next newline is not a whole line. */
  private skipToNewline = false;
  private readonly kept: LogLine[] = [];
  private partial = '';
  private nextSeq = 1;
  private readonly decoder = new TextDecoder('utf-8');
  /** Lines known to be lost (dropped unread), for `skipped`. */
  private lostLines = 0;

  constructor(
    private readonly maxLines = 5000,
    private readonly now: () => number = Date.now,
  ) {}

  append(data: Uint8Array): void {
    // Kept as it is when it owns its memory (a pty read does); a view into a larger buffer is copied,
    // or it would hold all of that buffer.
    const chunk = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? Buffer.from(data.buffer, 0, data.byteLength) : Buffer.from(data);
    this.unread.push({ data: chunk, at: this.now() });
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
   * oldest kept), at most `limit` of them counted from the newest.
   */
  read(options: { after?: number; limit?: number } = {}): LogRead {
    this.parse();
    const after = options.after ?? 0;
    const oldest = this.kept[0]?.seq ?? this.nextSeq;
    const skipped = Math.max(0, oldest - after - 1);
    let lines = this.kept.filter((line) => line.seq > after);
    if (options.limit !== undefined) lines = options.limit > 0 ? lines.slice(-options.limit) : [];
    return { lines, cursor: Math.max(this.nextSeq - 1, after), skipped };
  }

  /** The line still being printed (no newline yet), as plain text. */
  get pendingLine(): string {
    this.parse();
    return plain(this.partial);
  }

  private dropOldestUnread(): void {
    while (this.unreadBytes > MAX_UNREAD_BYTES && this.unread.length > 1) {
      const dropped = (this.unread.shift() as { data: Buffer }).data;
      this.unreadBytes -= dropped.length;
      this.lostLines += countNewlines(dropped);
    }
    if (!this.skipToNewline) this.lostLines += 1;
    this.skipToNewline = true;
    this.partial = '';
  }

  private parse(): void {
    if (this.unread.length === 0) return;
    const chunks = this.unread;
    this.unread = [];
    this.unreadBytes = 0;
    if (this.lostLines > 0) {
      this.nextSeq += this.lostLines;
      this.lostLines = 0;
    }
    for (const { data, at } of chunks) {
      let text = this.decoder.decode(data, { stream: true });
      if (this.skipToNewline) {
        const end = text.indexOf('\n');
        if (end < 0) continue;
        this.skipToNewline = false;
        text = text.slice(end + 1);
      }
      const pieces = (this.partial + text).split('\n');
      this.partial = pieces.pop() ?? '';
      for (const piece of pieces) this.kept.push({ seq: this.nextSeq++, at, text: plain(piece) });
    }
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
