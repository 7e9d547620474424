import { ansiCodesToString, diffAnsiCodes, reduceAnsiCodesIncremental, styledCharsFromTokens, tokenize } from '@alcalzone/ansi-tokenize';
import xterm from '@xterm/headless';
import isFullwidthCodePoint from 'is-fullwidth-code-point';
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
// Ink's own grid and ansi-tokenize's end codes, by file: neither package exports them.
import InkOutput from '../../node_modules/ink/build/output.js';
import { getEndCode } from '../../node_modules/@alcalzone/ansi-tokenize/build/ansiCodes.js';
import { keepingUnchangedStyles, outputClass, type OutputDependencies } from '../../src/bundle/ink-output.js';

let tokenized = 0;
const deps: OutputDependencies = {
  tokenize: (text) => {
    tokenized += 1;
    return tokenize(text) as ReturnType<OutputDependencies['tokenize']>;
  },
  styledCharsFromTokens: styledCharsFromTokens as OutputDependencies['styledCharsFromTokens'],
  reduceAnsiCodesIncremental: reduceAnsiCodesIncremental as OutputDependencies['reduceAnsiCodesIncremental'],
  diffAnsiCodes: diffAnsiCodes as OutputDependencies['diffAnsiCodes'],
  ansiCodesToString: ansiCodesToString as OutputDependencies['ansiCodesToString'],
  endCodeOf: getEndCode,
  isFullwidthCodePoint,
  sliceAnsi,
  stringWidth,
};
const FastOutput = outputClass(deps);

type Transformer = (line: string, index: number) => string;
type Step = ['write', number, number, string, Transformer[]] | ['clip', { x1?: number; x2?: number; y1?: number; y2?: number }] | ['unclip'];

/** The frame both grids draw from the same steps. */
function draw(width: number, height: number, steps: Step[]): [string, string] {
  const ink = new InkOutput({ width, height });
  const fast = new FastOutput({ width, height });
  for (const step of steps) {
    for (const output of [ink, fast] as Array<{ write: Function; clip: Function; unclip: Function }>) {
      if (step[0] === 'write') output.write(step[1], step[2], step[3], { transformers: step[4] });
      else if (step[0] === 'clip') output.clip(step[1]);
      else output.unclip();
    }
  }
  return [ink.get().output, fast.get().output];
}

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

const PIECES = [
  'hello', 'web.1', ' ', '  ', '│', '─', '●', '›', '↻', '✖', '■', '⠋', 'é', 'ü', '€', '→', '中文', '한',
  '\x1b[31m', '\x1b[39m', '\x1b[1m', '\x1b[2m', '\x1b[22m', '\x1b[1;4;32m', '\x1b[0m', '\x1b[m', '\x1b[7m', '\x1b[27m',
  '\x1b[38;5;208m', '\x1b[48;2;10;20;30m', '\x1b[38;2;1;2m', '\x1b[49m', '\x1b[90m', '\x1b[3;9m',
  // Outside the fast path: marks, emoji sequences, links, controls, stray escapes.
  'e\u0301', '👍🏽', '🇫🇷', '❤️', '\x1b]8;;https://x.dev\x07link\x1b]8;;\x07', '\t', '\x1b[?25l', '\x9b31m', '\x1bx',
];

describe("tfui's grid gives exactly Ink's frame", () => {
  it('for colored rows in bordered boxes, as tfui draws them', () => {
    const border: Transformer = (line) => `\x1b[36m${line}\x1b[39m`;
    const steps: Step[] = [
      ['write', 0, 0, '┌──────────┐\n│          │\n└──────────┘', [border]],
      ['clip', { x1: 1, x2: 11, y1: 1, y2: 2 }],
      ['write', 1, 1, '\x1b[1m›\x1b[22m \x1b[32m●\x1b[39m web.1 5000 and more text', [(line) => `\x1b[7m${line}\x1b[27m`]],
      ['unclip'],
      ['write', 14, 1, '中文 wide', []],
    ];
    const [ink, fast] = draw(30, 4, steps);
    expect(fast).toBe(ink);
    expect(fast).toContain('web.1');
  });

  it('for 3 000 random frames of text, colours, wide characters, clips and transformers', () => {
    const next = random(11);
    const int = (n: number) => Math.floor(next() * n);
    tokenized = 0;
    for (let frame = 0; frame < 3000; frame++) {
      const width = 1 + int(40);
      const height = 1 + int(10);
      const steps: Step[] = [];
      for (let op = 0; op < 1 + int(8); op++) {
        const kind = next();
        if (kind < 0.15) steps.push(['clip', next() < 0.8 ? { x1: int(width), x2: int(width + 5), y1: int(height), y2: int(height + 3) } : { x1: int(width) }]);
        else if (kind < 0.25) steps.push(['unclip']);
        else {
          let text = '';
          for (let piece = 0; piece < int(14); piece++) text += next() < 0.1 ? '\n' : PIECES[int(PIECES.length)];
          const transformers: Transformer[] = next() < 0.3 ? [(line, index) => `\x1b[${index % 2 ? 2 : 4}m${line}\x1b[0m`] : [];
          steps.push(['write', int(width + 4) - 2, int(height + 2) - 1, text, transformers]);
        }
      }
      const [ink, fast] = draw(width, height, steps);
      expect(fast, JSON.stringify(steps.map((step) => step.slice(0, 4)))).toBe(ink);
    }
    // Both paths were taken: some lines needed ansi-tokenize, most did not.
    expect(tokenized).toBeGreaterThan(100);
  });

  it('tokenizes plain and coloured lines without ansi-tokenize', () => {
    tokenized = 0;
    const [ink, fast] = draw(40, 2, [['write', 0, 0, '\x1b[38;5;208m● ready\x1b[39m on 5000\n› ↻ 中', []]]);
    expect(fast).toBe(ink);
    expect(tokenized).toBe(0);
  });
});

// The grid as the bundle has it (scripts/bundle-plugins.mjs): its style diff keeps what does not change.
const Output = outputClass({ ...deps, diffAnsiCodes: keepingUnchangedStyles(deps.diffAnsiCodes) });

/** The frame the grid makes of one line. */
function frame(line: string): string {
  const output = new Output({ width: 40, height: 1 });
  output.write(0, 0, line, { transformers: [] });
  return output.get().output;
}

/** Each cell's style as a terminal shows it, after the terminal has parsed `text` (one row). */
async function cellStyles(text: string): Promise<string[]> {
  const term = new xterm.Terminal({ cols: 40, rows: 2, allowProposedApi: true });
  await new Promise<void>((resolve) => term.write(text, resolve));
  const line = term.buffer.active.getLine(0)!;
  const styles: string[] = [];
  for (let x = 0; x < line.length; x++) {
    const cell = line.getCell(x)!;
    if (cell.getChars() === '') break;
    const flags = [cell.isBold(), cell.isDim(), cell.isItalic(), cell.isUnderline(), cell.isBlink(), cell.isInverse(), cell.isInvisible(), cell.isStrikethrough()];
    styles.push(`${cell.getChars()} ${flags.map(Number).join('')} fg${cell.getFgColorMode()}:${cell.getFgColor()} bg${cell.getBgColorMode()}:${cell.getBgColor()}`);
  }
  term.dispose();
  return styles;
}

describe("the grid's style diff between cells", () => {
  it('keeps dim on after bold+dim, where ESC[22m alone would end both', async () => {
    const line = 'A \x1b[2mdim \x1b[1mbold+dim\x1b[22m\x1b[2m dim-again\x1b[0m';
    expect(frame(line)).not.toMatch(/\x1b\[22m d/);
    expect(await cellStyles(frame(line))).toEqual(await cellStyles(line));
  });

  it('keeps bold on after blink+bold, where ansi-tokenize ends blink with ESC[0m', async () => {
    const line = '\x1b[1;5mX\x1b[0;1mY\x1b[0m';
    expect(await cellStyles(frame(line))).toEqual(await cellStyles(line));
  });

  it('gives, for 400 random pairs of styles, the second style exactly', async () => {
    const pool = ['1', '2', '3', '4', '5', '7', '8', '9', '31', '38;5;208', '38;2;1;2;3', '44', '48;5;17', '90', '53'];
    let state = 7;
    const next = (n: number) => {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      return (state >>> 16) % n;
    };
    const pick = () => Array.from({ length: 1 + next(4) }, () => pool[next(pool.length)]).join(';');
    let line = '';
    let lines = '';
    for (let i = 0; i < 400; i++) {
      const piece = `\x1b[0;${pick()}mA\x1b[0;${pick()}mB\x1b[0m`;
      line = frame(piece);
      expect(await cellStyles(line), JSON.stringify(piece)).toEqual(await cellStyles(piece));
      lines += line;
    }
    // The pairs did include the cases the library gets wrong: an intensity ended, and a catch-all reset.
    expect(lines).toMatch(/\x1b\[22m\x1b\[[12]m/);
    expect(lines).toMatch(/\x1b\[0m\x1b\[/);
  });
});
