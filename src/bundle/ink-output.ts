import { isSelfContained } from './string-width.js';

/**
 * Ink 6.8's Output (ink/build/output.js, the grid that every frame is drawn
 * into), producing the same string from the same operations but without its
 * per-character costs, which made up half of tfui's first frame and most of
 * a frame under a flood of output: every cell was a fresh object, every line
 * was cut into grapheme clusters by Intl.Segmenter, and every pair of
 * neighbouring cells had their styles diffed. Here blank cells are shared,
 * lines of plain text and SGR colours are tokenized directly (others still go
 * through ansi-tokenize), cells of one run share one styles array, and styles
 * are diffed only where they change. test/bundle compares it with Ink's own.
 */

export interface AnsiCode {
  type: 'ansi';
  code: string;
  endCode: string;
}
export interface StyledChar {
  type: 'char';
  value: string;
  fullWidth: boolean;
  styles: AnsiCode[];
}
type Token = AnsiCode | { type: 'char'; value: string; fullWidth: boolean };

/** What the grid needs from ansi-tokenize, slice-ansi and string-width. */
export interface OutputDependencies {
  tokenize(text: string): Token[];
  styledCharsFromTokens(tokens: Token[]): StyledChar[];
  reduceAnsiCodesIncremental(codes: AnsiCode[], newCodes: AnsiCode[]): AnsiCode[];
  diffAnsiCodes(from: AnsiCode[], to: AnsiCode[]): AnsiCode[];
  ansiCodesToString(codes: AnsiCode[]): string;
  /** The code that ends an SGR code, as ansi-tokenize has it. */
  endCodeOf(code: string): string;
  isFullwidthCodePoint(codePoint: number): boolean;
  sliceAnsi(text: string, from: number, to: number): string;
  stringWidth(text: string): number;
}

type Transformer = (line: string, index: number) => string;
interface Clip {
  x1: number | undefined;
  x2: number | undefined;
  y1: number | undefined;
  y2: number | undefined;
}
type Operation = { type: 'write'; x: number; y: number; text: string; transformers: Transformer[] } | { type: 'clip'; clip: Clip } | { type: 'unclip' };

const RESET = '\x1b[0m';
const INTENSITY_END = '\x1b[22m';
const isIntensity = (code: AnsiCode) => code.code === '\x1b[1m' || code.code === '\x1b[2m';

/**
 * A style diff that turns off only what changes. Two end codes end more than
 * one style: ESC[22m ends bold and dim, and ESC[0m is ansi-tokenize's end for
 * any code it has no end for (blink, overline colours). ansi-tokenize 0.2.x
 * (Ink 6.8's) diffs bold+dim -> dim to a lone ESC[22m, and blink+bold -> bold
 * to ESC[0m: the dim or bold cell came out plain. Every style of `to` that
 * such a code ended is given again after it. (0.3.2 re-adds intensity itself;
 * then this adds nothing.)
 */
export function keepingUnchangedStyles(diff: OutputDependencies['diffAnsiCodes']): OutputDependencies['diffAnsiCodes'] {
  return (from, to) => {
    const codes = diff(from, to);
    let reset = -1;
    let intensityEnd = -1;
    for (let i = 0; i < codes.length; i++) {
      if (codes[i]!.code === RESET) reset = i;
      else if (codes[i]!.code === INTENSITY_END) intensityEnd = i;
    }
    if (reset < 0 && intensityEnd < 0) return codes;
    const given = codes.slice();
    for (const code of to) {
      const endedAt = isIntensity(code) ? Math.max(reset, intensityEnd) : reset;
      if (endedAt >= 0 && !codes.slice(endedAt + 1).some((later) => later.code === code.code)) given.push(code);
    }
    return given;
  };
}

const NO_STYLES: AnsiCode[] = [];
const BLANK: StyledChar = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: NO_STYLES }) as StyledChar;
const ESC = 0x1b;

/** Distinct SGR sequences remembered across frames; a program printing endless truecolour must not grow it forever. */
const MAX_REMEMBERED_SGR = 2048;

export function outputClass(deps: OutputDependencies) {
  const splitSgr = new Map<string, AnsiCode[]>();

  /** `\e[1;38;5;208m` as ansi-tokenize splits it: one token per attribute, extended colours kept whole. */
  function sgrTokens(sequence: string): AnsiCode[] {
    let tokens = splitSgr.get(sequence);
    if (tokens) return tokens;
    const parts = sequence.slice(2, -1).split(';');
    const codes: string[] = [];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if ((part === '38' || part === '48') && i + 2 < parts.length && parts[i + 1] === '5') {
        codes.push(parts.slice(i, i + 3).join(';'));
        i += 2;
      } else if ((part === '38' || part === '48') && i + 4 < parts.length && parts[i + 1] === '2') {
        codes.push(parts.slice(i, i + 5).join(';'));
        i += 4;
      } else codes.push(part);
    }
    tokens = codes.map((code) => {
      const full = `\x1b[${code}m`;
      return { type: 'ansi', code: full, endCode: deps.endCodeOf(full) };
    });
    if (splitSgr.size >= MAX_REMEMBERED_SGR) splitSgr.clear();
    splitSgr.set(sequence, tokens);
    return tokens;
  }

  /** Cells of a line of printable text and SGR sequences; undefined for anything else (controls, links, marks, emoji sequences). */
  function plainStyledChars(line: string): StyledChar[] | undefined {
    const chars: StyledChar[] = [];
    let styles = NO_STYLES;
    for (let index = 0; index < line.length; index++) {
      const code = line.charCodeAt(index);
      if (code === ESC) {
        if (line.charCodeAt(index + 1) !== 0x5b) return undefined;
        let end = index + 2;
        while (end < line.length && /[0-9;]/.test(line[end]!)) end++;
        if (line[end] !== 'm') return undefined;
        styles = deps.reduceAnsiCodesIncremental(styles, sgrTokens(line.slice(index, end + 1)));
        index = end;
      } else if ((code >= 0x20 && code < 0x7f) || isSelfContained(code)) {
        chars.push({ type: 'char', value: line[index]!, fullWidth: code >= 0x7f && deps.isFullwidthCodePoint(code), styles });
      } else return undefined;
    }
    return chars;
  }

  function rowToString(row: StyledChar[]): string {
    let text = '';
    let previous: AnsiCode[] = NO_STYLES;
    for (const char of row) {
      if (char === undefined) continue;
      // Equal styles diff to nothing: only a change needs the diff.
      if (char.styles !== previous && (char.styles.length > 0 || previous.length > 0)) text += deps.ansiCodesToString(deps.diffAnsiCodes(previous, char.styles));
      text += char.value;
      previous = char.styles;
    }
    if (previous.length > 0) text += deps.ansiCodesToString(deps.diffAnsiCodes(previous, []));
    return text.trimEnd();
  }

  return class Output {
    readonly width: number;
    readonly height: number;
    private readonly operations: Operation[] = [];
    private readonly widths = new Map<string, number>();
    private readonly blockWidths = new Map<string, number>();
    private readonly styledChars = new Map<string, StyledChar[]>();

    constructor(options: { width: number; height: number }) {
      this.width = options.width;
      this.height = options.height;
    }

    write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void {
      if (!text) return;
      this.operations.push({ type: 'write', x, y, text, transformers: options.transformers });
    }

    clip(clip: Clip): void {
      this.operations.push({ type: 'clip', clip });
    }

    unclip(): void {
      this.operations.push({ type: 'unclip' });
    }

    get(): { output: string; height: number } {
      const output: StyledChar[][] = [];
      for (let y = 0; y < this.height; y++) output.push(new Array<StyledChar>(this.width).fill(BLANK));
      const clips: Clip[] = [];
      for (const operation of this.operations) {
        if (operation.type === 'clip') clips.push(operation.clip);
        if (operation.type === 'unclip') clips.pop();
        if (operation.type !== 'write') continue;
        const { text, transformers } = operation;
        let { x, y } = operation;
        let lines = text.split('\n');
        const clip = clips.at(-1);
        if (clip) {
          const clipHorizontally = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
          const clipVertically = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
          if (clipHorizontally) {
            const width = this.widestLine(text);
            if (x + width < clip.x1! || x > clip.x2!) continue;
          }
          if (clipVertically && (y + lines.length < clip.y1! || y > clip.y2!)) continue;
          if (clipHorizontally) {
            lines = lines.map((line) => {
              const from = x < clip.x1! ? clip.x1! - x : 0;
              const width = this.stringWidth(line);
              const to = x + width > clip.x2! ? clip.x2! - x : width;
              return deps.sliceAnsi(line, from, to);
            });
            if (x < clip.x1!) x = clip.x1!;
          }
          if (clipVertically) {
            const from = y < clip.y1! ? clip.y1! - y : 0;
            const to = y + lines.length > clip.y2! ? clip.y2! - y : lines.length;
            lines = lines.slice(from, to);
            if (y < clip.y1!) y = clip.y1!;
          }
        }
        let offsetY = 0;
        for (let [index, line] of lines.entries()) {
          const currentLine = output[y + offsetY];
          // A text taller than the grid has rows with nowhere to go.
          if (!currentLine) continue;
          for (const transformer of transformers) line = transformer(line, index);
          let offsetX = x;
          for (const character of this.charsOf(line)) {
            currentLine[offsetX] = character;
            const characterWidth = Math.max(1, this.stringWidth(character.value));
            // A wide character covers the cells after it.
            for (let cover = 1; cover < characterWidth; cover++) currentLine[offsetX + cover] = { type: 'char', value: '', fullWidth: false, styles: character.styles };
            offsetX += characterWidth;
          }
          offsetY++;
        }
      }
      return { output: output.map(rowToString).join('\n'), height: output.length };
    }

    private charsOf(line: string): StyledChar[] {
      let chars = this.styledChars.get(line);
      if (chars === undefined) {
        chars = plainStyledChars(line) ?? deps.styledCharsFromTokens(deps.tokenize(line));
        this.styledChars.set(line, chars);
      }
      return chars;
    }

    private stringWidth(text: string): number {
      let width = this.widths.get(text);
      if (width === undefined) {
        width = deps.stringWidth(text);
        this.widths.set(text, width);
      }
      return width;
    }

    private widestLine(text: string): number {
      let width = this.blockWidths.get(text);
      if (width === undefined) {
        width = 0;
        for (const line of text.split('\n')) width = Math.max(width, this.stringWidth(line));
        this.blockWidths.set(text, width);
      }
      return width;
    }
  };
}
