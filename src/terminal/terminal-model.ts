import unicode11 from '@xterm/addon-unicode11';
import xterm from '@xterm/headless';
import type { IBufferCell, Terminal as XtermTerminal } from '@xterm/headless';
import { cursorLook, showCursorOnReset } from '../compat/xterm-cursor.js';
import { reportMouse, type CellMouseEvent } from '../compat/xterm-mouse.js';
import { normalLineList, type TrimmingLineList } from '../compat/xterm-trims.js';
import { renderRow, type Highlight } from './sgr.js';

// @xterm/headless and its addons are CommonJS without named ESM exports (research/stack.md §4).
const { Terminal } = xterm;
const { Unicode11Addon } = unicode11;

export interface TerminalModelOptions {
  cols: number;
  rows: number;
  /** Lines kept above the screen; memory is bounded by this, not by how much a process printed. */
  scrollback: number;
  /** The terminal's answers to a program's queries (cursor position, device attributes): write them to the pty. */
  onReply(data: string): void;
  /** A program's OSC 52 "set the clipboard" (`c;BASE64`), for the real terminal to carry out. */
  onClipboard?(data: string): void;
}

/** A match of a search in a model's buffer (stable line number, columns). */
export interface SearchMatch {
  line: number;
  start: number;
  end: number;
}

/**
 * One instance's screen and scrollback, parsed once as bytes arrive. The
 * screen reads only the rows it shows, and only when `version` moved.
 *
 * Line numbers here are stable: a line keeps its number while older lines
 * drop off the top of a full scrollback (its index in xterm's buffer plus
 * the lines dropped before it), so a view scrolled back, a copy selection and
 * search matches stay on their lines under a flood of output.
 */
export class TerminalModel {
  private readonly term: XtermTerminal;
  private readonly cell: IBufferCell;
  private readonly listeners = new Set<() => void>();
  private changes = 0;
  /** The last search: `final` is the first line that could still change then (the screen's top). */
  private searchCache: { query: string; version: number; matches: SearchMatch[]; final: number; cols: number; buffer: 'normal' | 'alternate' } | undefined;
  /** The rows last drawn without highlights or cursor, and for which buffer version and first line. */
  private lastViewport: { version: number; first: number; rows: readonly string[] } | undefined;
  /** The rule written where the current run began; `lastLines` does not look above it. */
  private runRule: string | undefined;
  /** Lines dropped off the top of the normal buffer's scrollback so far. */
  private dropped = 0;
  /** The line list of xterm's normal buffer whose drops are counted (a reset makes a new one). */
  private trimSource: TrimmingLineList | undefined;

  constructor(options: TerminalModelOptions) {
    this.term = new Terminal({ cols: options.cols, rows: options.rows, scrollback: options.scrollback, allowProposedApi: true });
    // Unicode 11 widths, as today's terminals (and Ink's string-width) have them: an emoji takes two
    // columns. xterm's default (Unicode 6) gives it one, so rows came out a column too wide for the pane.
    this.term.loadAddon(new Unicode11Addon());
    this.term.unicode.activeVersion = '11';
    this.cell = this.term.buffer.active.getNullCell();
    this.term.onData(options.onReply);
    // Mouse reports in the X10 encoding come out here (bytes as a binary string).
    this.term.onBinary(options.onReply);
    // A program copying to the clipboard (vim, tmux, a remote shell's OSC 52) copies to the user's, as in
    // a terminal. Asking to read the clipboard (`?`) is never answered: a process does not get to read it.
    this.term.parser.registerOscHandler(52, (data) => {
      if (!/;\?$/.test(data) && /^[a-z0-9]*;[A-Za-z0-9+/=]*$/.test(data)) options.onClipboard?.(data);
      return true;
    });
    showCursorOnReset(this.term);
    this.term.onWriteParsed(() => this.changed());
    this.watchTrims();
  }

  /** Goes up each time parsed output changed the buffer. */
  get version(): number {
    return this.changes;
  }

  get cols(): number {
    return this.term.cols;
  }

  get rows(): number {
    return this.term.rows;
  }

  /** Lines of scrollback above the screen. */
  get scrollbackLength(): number {
    return this.term.buffer.active.baseY;
  }

  /** Whether the program asked for pastes to be marked (bash, zsh, vim): a paste is then sent between ESC[200~ and ESC[201~. */
  get bracketedPasteMode(): boolean {
    return this.term.modes.bracketedPasteMode;
  }

  /** Whether the program asked for mouse reports (htop, vim with `mouse=a`). */
  get mouseTracking(): boolean {
    return this.term.modes.mouseTrackingMode !== 'none';
  }

  /**
   * Reports a mouse event at a cell of this screen to the program, as a
   * terminal would: in the protocol and encoding it asked for, through
   * `onReply` (src/compat/xterm-mouse.ts). False when nothing was sent (not
   * asked for, off the screen, or an xterm without the mouse service).
   */
  sendMouse(event: CellMouseEvent): boolean {
    return this.mouseTracking && reportMouse(this.term, event);
  }

  /** Whether the program asked for application cursor keys (vim, less): arrows are then sent as `ESC O A`. */
  get applicationCursorKeys(): boolean {
    return this.term.modes.applicationCursorKeysMode;
  }

  get cursor(): { x: number; y: number } {
    const buffer = this.term.buffer.active;
    return { x: buffer.cursorX, y: buffer.cursorY };
  }

  setScrollback(lines: number): void {
    if (lines === this.term.options.scrollback) return;
    this.term.options.scrollback = lines;
    // A shorter scrollback drops old lines: the numbers of the others hold, but rows and matches drawn
    // from the dropped ones are stale. No new output, so `version` (what counts as unseen) stays.
    this.lastViewport = undefined;
    this.searchCache = undefined;
  }

  write(data: string | Uint8Array): void {
    this.term.write(data);
  }

  /** Resolves once everything written so far has been parsed. */
  flush(): Promise<void> {
    return new Promise((resolve) => this.term.write('', resolve));
  }

  resize(cols: number, rows: number): void {
    if (cols !== this.term.cols || rows !== this.term.rows) {
      this.term.resize(Math.max(2, cols), Math.max(1, rows));
      this.changed();
    }
  }

  private changed(): void {
    this.watchTrims();
    this.changes += 1;
    for (const listener of this.listeners) listener();
  }

  /**
   * Counts lines as they drop off the top of the normal buffer, through xterm's
   * line list (src/compat/xterm-trims.ts). Without it (another xterm) line
   * numbers are plain indexes again, and a view scrolled back drifts under a
   * flood. After a reset (a new list) every line of the old one is gone.
   */
  private watchTrims(): void {
    const lines = normalLineList(this.term);
    if (!lines || lines === this.trimSource) return;
    if (this.trimSource) this.dropped += this.trimSource.length;
    this.trimSource = lines;
    lines.onTrim((amount) => {
      this.dropped += amount;
    });
  }

  /** Whether drops off the top are counted (xterm's internal line list was found). */
  get countsDroppedLines(): boolean {
    return this.trimSource !== undefined;
  }

  /** The stable number of the oldest line still kept. */
  get firstLine(): number {
    return this.dropped;
  }

  /** The stable number of the newest line. */
  get lastLine(): number {
    return this.dropped + this.term.buffer.active.length - 1;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The visible rows as printable strings, starting at line `top` (null: the
   * bottom, following new output). `highlightsFor(line)` gives the highlights
   * of a line.
   */
  viewport(top: number | null, options: { highlightsFor?: (line: number) => Highlight[]; showCursor?: boolean } = {}): readonly string[] {
    const buffer = this.term.buffer.active;
    const first = this.clampTop(top);
    // A frame for another pane, a key or the sidebar redraws this one too: the same rows, unless its output moved.
    const plain = options.highlightsFor === undefined && !options.showCursor;
    const last = this.lastViewport;
    if (plain && last && last.version === this.changes && last.first === first) return last.rows;
    // A program that hid the cursor (htop, top, vim mid-redraw) shows none, as in a terminal.
    const shown = options.showCursor ? cursorLook(this.term) : undefined;
    const look = shown && !shown.hidden ? shown : undefined;
    const rows: string[] = [];
    for (let y = 0; y < this.term.rows; y++) {
      const line = first + y;
      const cursor = look && first === this.dropped + buffer.baseY && y === buffer.cursorY ? { x: this.cursorColumn(line), shape: look.shape } : undefined;
      rows.push(renderRow(buffer.getLine(line - this.dropped), this.term.cols, this.cell, options.highlightsFor?.(line) ?? [], cursor));
    }
    if (plain) this.lastViewport = { version: this.changes, first, rows };
    return rows;
  }

  /**
   * The column the cursor shows in. After a character in the last column xterm
   * keeps it one past the end (the next character wraps); terminals show it on
   * the last column. On the right half of a wide character it shows on the character.
   */
  private cursorColumn(line: number): number {
    const x = Math.min(this.term.buffer.active.cursorX, this.term.cols - 1);
    const cell = this.term.buffer.active.getLine(line - this.dropped)?.getCell(x, this.cell);
    return x > 0 && cell?.getWidth() === 0 ? x - 1 : x;
  }

  /** The first line shown for a wanted `top`: null follows the bottom; past the bottom is the bottom, above the oldest line the oldest. */
  clampTop(top: number | null): number {
    const bottom = this.dropped + this.term.buffer.active.baseY;
    return top === null ? bottom : Math.max(this.dropped, Math.min(bottom, top));
  }

  /** Lines in the buffer: scrollback plus screen. */
  get length(): number {
    return this.term.buffer.active.length;
  }

  /** Plain text of a line ('' once it has dropped off). */
  lineText(line: number): string {
    return this.term.buffer.active.getLine(line - this.dropped)?.translateToString(true) ?? '';
  }

  /** Marks a new run of the program: a dim rule with `label`, so earlier output stays but reads apart. */
  beginRun(label: string): void {
    this.runRule = `── ${label} ──`;
    this.write(`\r\n\x1b[0;2m${this.runRule}\x1b[0m\r\n`);
  }

  /** The last `count` lines of the current run that have text, oldest first: what a process said before it ended. */
  lastLines(count: number): string[] {
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    let withText = 0;
    for (let y = buffer.length - 1; y >= 0 && withText < count; y--) {
      const text = buffer.getLine(y)?.translateToString(true) ?? '';
      if (this.runRule !== undefined && text.trim() === this.runRule) break;
      if (text.trim() !== '') withText += 1;
      if (withText > 0) lines.unshift(text);
    }
    while (lines.length > 0 && (lines[0] ?? '').trim() === '') lines.shift();
    return lines;
  }

  /**
   * Every match of `query` in scrollback and screen; case-insensitive unless
   * the query has a capital. Lines that scrolled into the scrollback no longer
   * change (until a resize rewraps them), so a new search after more output
   * reads only what came since and the screen: a search left open over a
   * flooding process costs a few lines per frame, not the whole scrollback.
   */
  search(query: string): SearchMatch[] {
    if (query === '') return [];
    const cache = this.searchCache;
    if (cache && cache.query === query && cache.version === this.changes) return cache.matches;
    const buffer = this.term.buffer.active;
    const screenTop = this.dropped + buffer.baseY;
    const reuse = cache !== undefined && cache.query === query && cache.cols === this.term.cols && cache.buffer === buffer.type;
    // Lines above both the old and the new screen top were final when last read, and still are.
    const boundary = reuse ? Math.max(this.dropped, Math.min(cache.final, screenTop)) : this.dropped;
    const matches = reuse ? cache.matches.filter((m) => m.line >= this.dropped && m.line < boundary) : [];
    const caseSensitive = query !== query.toLowerCase();
    const needle = caseSensitive ? query : query.toLowerCase();
    for (let y = boundary - this.dropped; y < buffer.length; y++) {
      const line = buffer.getLine(y);
      const raw = line?.translateToString(true) ?? '';
      const text = caseSensitive ? raw : raw.toLowerCase();
      let columns: number[] | undefined;
      for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
        // Wide characters take two cells but one place in the text: highlight cells, not offsets.
        columns ??= line ? this.cellColumns(line) : [];
        const start = columns[at] ?? at;
        const last = at + needle.length - 1;
        const end = (columns[last] ?? last) + (line?.getCell(columns[last] ?? last, this.cell)?.getWidth() || 1);
        matches.push({ line: this.dropped + y, start, end });
      }
    }
    this.searchCache = { query, version: this.changes, matches, final: screenTop, cols: this.term.cols, buffer: buffer.type };
    return matches;
  }

  /** For each UTF-16 offset of a line's text, the cell column it is drawn in. */
  private cellColumns(line: NonNullable<ReturnType<XtermTerminal['buffer']['active']['getLine']>>): number[] {
    const columns: number[] = [];
    for (let x = 0; x < this.term.cols; x++) {
      const cell = line.getCell(x, this.cell);
      if (!cell || cell.getWidth() === 0) continue;
      const chars = cell.getChars() || ' ';
      for (let i = 0; i < chars.length; i++) columns.push(x);
    }
    return columns;
  }

  dispose(): void {
    this.listeners.clear();
    this.term.dispose();
  }
}
