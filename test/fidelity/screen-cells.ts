/**
 * A screen captured from tmux (`capture-pane -p -e -N`) as cells. The
 * reference must be tmux's own rendering, so this reads what tmux writes and
 * nothing else: printable characters and SGR sequences, in tmux's spellings
 * (`;` and `:` forms). It does not use @xterm/headless, the parser the pane
 * itself is built on: a mistake shared by both sides would go unseen.
 */
import { eastAsianWidth } from 'get-east-asian-width';

export interface Style {
  /** `default`, `p0`-`p255` (the palette, however it was written) or `#rrggbb`. */
  fg: string;
  bg: string;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  /** 0 none, 1 straight, 2 double, 3 curly, 4 dotted, 5 dashed. */
  underline: number;
  blink: boolean;
  inverse: boolean;
  hidden: boolean;
  strike: boolean;
}

export interface Cell extends Style {
  /** The cell's text: one character and its combining marks; '' for the right half of a wide character. */
  char: string;
}

export const DEFAULT_STYLE: Readonly<Style> = Object.freeze({ fg: 'default', bg: 'default', bold: false, dim: false, italic: false, underline: 0, blink: false, inverse: false, hidden: false, strike: false });

/** Columns a code point takes, as tmux counts them for what the corpus uses: marks and joiners 0, East Asian wide 2. */
export function columnsOf(codePoint: number): 0 | 1 | 2 {
  const char = String.fromCodePoint(codePoint);
  if (/\p{M}/u.test(char) || codePoint === 0x200d || (codePoint >= 0xfe00 && codePoint <= 0xfe0f)) return 0;
  return eastAsianWidth(codePoint);
}

function colour(params: number[][], at: number): { value: string; used: number } | undefined {
  const [first, ...subs] = params[at]!;
  void first;
  // Colon form: 38:5:N, 38:2:R:G:B or 38:2:CS:R:G:B (the colour space id, usually empty).
  if (subs.length > 0) {
    if (subs[0] === 5 && subs.length >= 2) return { value: `p${subs[1]}`, used: 1 };
    if (subs[0] === 2 && subs.length >= 4) {
      const [r, g, b] = subs.slice(subs.length >= 5 ? 2 : 1);
      return { value: rgb(r!, g!, b!), used: 1 };
    }
    return undefined;
  }
  const mode = params[at + 1]?.[0];
  if (mode === 5 && params[at + 2]) return { value: `p${params[at + 2]![0]}`, used: 3 };
  if (mode === 2 && params[at + 4]) return { value: rgb(params[at + 2]![0]!, params[at + 3]![0]!, params[at + 4]![0]!), used: 5 };
  return undefined;
}

function rgb(r: number, g: number, b: number): string {
  return `#${[r, g, b].map((n) => n.toString(16).padStart(2, '0')).join('')}`;
}

/** Applies one SGR sequence's parameters (`1;38:2::1:2:3`) to a style. */
export function applySgr(style: Style, text: string): Style {
  const next = { ...style };
  // An empty parameter counts as 0; an empty sub-parameter (38:2::r:g:b) as NaN, only skipped over.
  const params = (text === '' ? '0' : text).split(';').map((part) => part.split(':').map((n) => (n === '' ? Number.NaN : Number(n))));
  for (let i = 0; i < params.length; i++) {
    const code = Number.isNaN(params[i]![0]) ? 0 : params[i]![0]!;
    const sub = params[i]![1];
    if (code === 0) Object.assign(next, DEFAULT_STYLE);
    else if (code === 1) next.bold = true;
    else if (code === 2) next.dim = true;
    else if (code === 3) next.italic = true;
    else if (code === 4) next.underline = sub === undefined || Number.isNaN(sub) ? 1 : sub;
    else if (code === 5) next.blink = true;
    else if (code === 7) next.inverse = true;
    else if (code === 8) next.hidden = true;
    else if (code === 9) next.strike = true;
    else if (code === 21) next.underline = 2;
    else if (code === 22) next.bold = next.dim = false;
    else if (code === 23) next.italic = false;
    else if (code === 24) next.underline = 0;
    else if (code === 25) next.blink = false;
    else if (code === 27) next.inverse = false;
    else if (code === 28) next.hidden = false;
    else if (code === 29) next.strike = false;
    else if (code >= 30 && code <= 37) next.fg = `p${code - 30}`;
    else if (code >= 40 && code <= 47) next.bg = `p${code - 40}`;
    else if (code >= 90 && code <= 97) next.fg = `p${code - 90 + 8}`;
    else if (code >= 100 && code <= 107) next.bg = `p${code - 100 + 8}`;
    else if (code === 39) next.fg = 'default';
    else if (code === 49) next.bg = 'default';
    else if (code === 38 || code === 48 || code === 58) {
      const parsed = colour(params, i);
      if (!parsed) throw new Error(`SGR ${text}: a colour tmux would not write`);
      if (code === 38) next.fg = parsed.value;
      if (code === 48) next.bg = parsed.value;
      // 58 (underline colour) is not compared.
      i += parsed.used - 1;
    }
    // Anything else (overline, fonts) is not part of the comparison.
  }
  return next;
}

/**
 * The cells of a captured screen, `rows` rows of `cols` cells. tmux omits the
 * default blanks at a row's end; they are filled in. Styles carry across rows,
 * as tmux writes them.
 */
export function screenCells(captured: string, cols: number, rows: number): Cell[][] {
  const screen: Cell[][] = [];
  let row: Cell[] = [];
  let style: Style = { ...DEFAULT_STYLE };
  const text = captured.endsWith('\n') ? captured.slice(0, -1) : captured;
  for (let i = 0; i < text.length; ) {
    const codePoint = text.codePointAt(i)!;
    const char = String.fromCodePoint(codePoint);
    i += char.length;
    if (codePoint === 0x1b) {
      const match = /^\[([0-9;:]*)m/.exec(text.slice(i));
      if (!match) throw new Error(`unexpected escape sequence at ${JSON.stringify(text.slice(i - 1, i + 12))}`);
      style = applySgr(style, match[1]!);
      i += match[0].length;
    } else if (char === '\n') {
      screen.push(row);
      row = [];
    } else {
      const width = columnsOf(codePoint);
      if (width === 0 && row.length > 0) {
        // A mark belongs to the character before it (the left half, for a wide one).
        const owner = row[row.length - 1]!.char === '' ? row[row.length - 2]! : row[row.length - 1]!;
        owner.char += char;
        continue;
      }
      row.push({ ...style, char });
      if (width === 2) row.push({ ...style, char: '' });
    }
  }
  screen.push(row);
  while (screen.length < rows) screen.push([]);
  return screen.slice(0, rows).map((cells) => {
    const full = cells.slice(0, cols);
    while (full.length < cols) full.push({ ...DEFAULT_STYLE, char: ' ' });
    return full;
  });
}

/** Columns `from`..`from + cols` of rows `top`..`top + rows`: a pane inside a larger screen. */
export function region(screen: Cell[][], top: number, from: number, rows: number, cols: number): Cell[][] {
  return screen.slice(top, top + rows).map((row) => row.slice(from, from + cols));
}
