import { ansiCodesToString, diffAnsiCodes, reduceAnsiCodesIncremental, styledCharsFromTokens, tokenize } from '@alcalzone/ansi-tokenize';
import xterm from '@xterm/headless';
import isFullwidthCodePoint from 'is-fullwidth-code-point';
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { getEndCode } from '../../node_modules/@alcalzone/ansi-tokenize/build/ansiCodes.js';
import { keepingUnchangedStyles, outputClass, type OutputDependencies } from '../../src/bundle/ink-output.js';

const deps: OutputDependencies = {
  tokenize: tokenize as OutputDependencies['tokenize'],
  styledCharsFromTokens: styledCharsFromTokens as OutputDependencies['styledCharsFromTokens'],
  reduceAnsiCodesIncremental: reduceAnsiCodesIncremental as OutputDependencies['reduceAnsiCodesIncremental'],
  // As the bundle has it (scripts/bundle-plugins.mjs).
  diffAnsiCodes: keepingUnchangedStyles(diffAnsiCodes as OutputDependencies['diffAnsiCodes']),
  ansiCodesToString: ansiCodesToString as OutputDependencies['ansiCodesToString'],
  endCodeOf: getEndCode,
  isFullwidthCodePoint,
  sliceAnsi,
  stringWidth,
};
const Output = outputClass(deps);

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
