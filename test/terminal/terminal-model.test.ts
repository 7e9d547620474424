import xterm from '@xterm/headless';
import stringWidth from 'string-width';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeKeyForProgram } from '../../src/terminal/key-encoding.js';
import { renderRow, type Highlight } from '../../src/terminal/sgr.js';
import { TerminalModel, type SearchMatch, type TerminalModelOptions } from '../../src/terminal/terminal-model.js';
import { publicLineOnly } from '../helpers/headless-terminals.js';

const models: TerminalModel[] = [];

afterEach(() => {
  for (const model of models.splice(0)) model.dispose();
});

function makeModel(options: Partial<TerminalModelOptions> = {}): TerminalModel {
  const model = new TerminalModel({ cols: 40, rows: 6, scrollback: 100, onReply: () => {}, ...options });
  models.push(model);
  return model;
}

/**
 * A row without plain trailing blanks. Colour and highlight tests compare rows
 * through this so that they test styles; trimming itself has tests of its own.
 */
function trimmed(row: string | undefined): string | undefined {
  return row?.replace(/ +$/, '');
}

/** A model that has parsed `data`. */
async function modelWith(data: string, options: Partial<TerminalModelOptions> = {}): Promise<TerminalModel> {
  const model = makeModel(options);
  model.write(data);
  await model.flush();
  return model;
}

describe('colours and styles in the viewport', () => {
  it.each([
    ['a basic foreground colour', '\x1b[31mRED\x1b[0m', '\x1b[0;31mRED\x1b[0m'],
    ['a bright foreground colour', '\x1b[92mOK\x1b[0m', '\x1b[0;92mOK\x1b[0m'],
    ['bold on a background', '\x1b[1;44mBB\x1b[0m', '\x1b[0;1;44mBB\x1b[0m'],
    ['a bright background', '\x1b[103mY\x1b[0m', '\x1b[0;103mY\x1b[0m'],
    ['a 256-colour foreground', '\x1b[38;5;208mO\x1b[0m', '\x1b[0;38;5;208mO\x1b[0m'],
    ['a 256-colour background', '\x1b[48;5;17mN\x1b[0m', '\x1b[0;48;5;17mN\x1b[0m'],
    ['a truecolour foreground', '\x1b[38;2;255;128;1mT\x1b[0m', '\x1b[0;38;2;255;128;1mT\x1b[0m'],
    ['a truecolour background', '\x1b[48;2;1;2;3mT\x1b[0m', '\x1b[0;48;2;1;2;3mT\x1b[0m'],
    ['italic, underline and inverse', '\x1b[3;4;7mI\x1b[0m', '\x1b[0;3;4;7mI\x1b[0m'],
    ['plain text between styles', '\x1b[31mRED\x1b[0m and \x1b[32mGREEN\x1b[0m', '\x1b[0;31mRED\x1b[0m and \x1b[0;32mGREEN\x1b[0m'],
    ['a style change without a reset', '\x1b[31mA\x1b[1mB\x1b[0m', '\x1b[0;31mA\x1b[0;1;31mB\x1b[0m'],
    ['plain text', 'hello', 'hello'],
  ])('%s comes out as SGR that resets first', async (_name, input, row) => {
    const model = await modelWith(input);
    expect(trimmed(model.viewport(null)[0])).toBe(row);
  });

  it('shows red text written as \\x1b[31mRED in a row containing \\x1b[0;31mRED', async () => {
    const model = await modelWith('ok\r\n\x1b[31mRED');
    expect(model.viewport(null)[1]).toContain('\x1b[0;31mRED');
  });

  it('ends every styled row with a reset, so the style never leaks into the next row', async () => {
    const model = await modelWith('\x1b[31mstill red at the end of the line');
    expect(trimmed(model.viewport(null)[0])?.endsWith('\x1b[0m')).toBe(true);
  });
});

describe('wide characters', () => {
  it('gives an emoji two columns, as terminals and Ink do, so a full row fits the pane', async () => {
    const model = await modelWith('✅✅✅✅✅x🚀 ok', { cols: 10, rows: 3 });
    const [first, second] = model.viewport(null);
    expect(first).toBe('✅✅✅✅✅');
    expect(stringWidth(first ?? '')).toBe(10);
    expect(second).toBe('x🚀 ok');
  });
});

describe('what the viewport shows', () => {
  it('collapses a carriage-return progress bar to its last state', async () => {
    const model = await modelWith('[#    ] 20%\r[###  ] 60%\r[#####] 100%\r\ndone');
    expect(model.viewport(null).slice(0, 2)).toEqual(['[#####] 100%', 'done']);
  });

  it('overwrites only the characters a shorter redraw covers', async () => {
    const model = await modelWith('progress 100%\rstep 2');
    expect(model.viewport(null)[0]).toBe('step 2ss 100%');
  });

  it('is empty after a clear-screen', async () => {
    const model = await modelWith('one\r\ntwo\r\nthree\x1b[2J\x1b[H');
    expect(model.viewport(null)).toEqual(['', '', '', '', '', '']);
  });

  it('draws after a clear-screen from the top left', async () => {
    const model = await modelWith('one\r\ntwo\x1b[2J\x1b[Hfresh');
    expect(model.viewport(null)).toEqual(['fresh', '', '', '', '', '']);
  });

  it('trims trailing blanks', async () => {
    const model = await modelWith('text   \r\n     \r\nx');
    expect(model.viewport(null).slice(0, 3)).toEqual(['text', '', 'x']);
  });

  it('keeps blanks inside a row', async () => {
    const model = await modelWith('a    b');
    expect(model.viewport(null)[0]).toBe('a    b');
  });

  it('trims trailing blanks after a styled run too', async () => {
    const model = await modelWith('\x1b[1;44mBB\x1b[0m   \r\n\x1b[31mRED\x1b[0m');
    expect(model.viewport(null).slice(0, 2)).toEqual(['\x1b[0;1;44mBB\x1b[0m', '\x1b[0;31mRED\x1b[0m']);
  });

  it('keeps a trailing blank that has a background colour', async () => {
    const model = await modelWith('a\x1b[44m \x1b[0m');
    expect(trimmed(model.viewport(null)[0])).toBe('a\x1b[0;44m \x1b[0m');
  });

  it('counts a wide CJK character once, not once per cell', async () => {
    const model = await modelWith('中文x\r\n日本語');
    expect(model.viewport(null).slice(0, 2)).toEqual(['中文x', '日本語']);
  });

  it('wraps a wide character that does not fit at the end of a row', async () => {
    const model = await modelWith('abc中', { cols: 4 });
    expect(model.viewport(null).slice(0, 2)).toEqual(['abc', '中']);
  });

  it('has one string per row of the model', async () => {
    const model = await modelWith('x', { rows: 9 });
    expect(model.viewport(null)).toHaveLength(9);
  });
});

function lines(from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i++) out += `line ${i}\r\n`;
  return out;
}

describe('scrollback', () => {
  it('is bounded by the scrollback option however much is written', async () => {
    const model = makeModel({ rows: 5, scrollback: 20 });
    for (let i = 0; i < 10; i++) model.write(lines(i * 20, (i + 1) * 20));
    await model.flush();
    expect(model.length).toBe(25);
    expect(model.scrollbackLength).toBe(20);
    // 200 lines and the empty line the cursor is on: the last 25 start at line 176, and keep its number.
    expect(model.firstLine).toBe(176);
    expect(model.lineText(176)).toBe('line 176');
    expect(model.lineText(0)).toBe('');
  });

  it('grows with output until it reaches the bound', async () => {
    const model = await modelWith(lines(0, 8), { rows: 5, scrollback: 20 });
    expect(model.scrollbackLength).toBe(4);
    expect(model.length).toBe(9);
  });

  it('follows the newest output when top is null', async () => {
    const model = await modelWith(lines(0, 30), { rows: 4, scrollback: 50 });
    expect(model.viewport(null)).toEqual(['line 27', 'line 28', 'line 29', '']);
  });

  it('shows older lines from an absolute top', async () => {
    const model = await modelWith(lines(0, 30), { rows: 4, scrollback: 50 });
    expect(model.viewport(0)).toEqual(['line 0', 'line 1', 'line 2', 'line 3']);
    expect(model.viewport(10)).toEqual(['line 10', 'line 11', 'line 12', 'line 13']);
  });

  it.each([
    [null, 27],
    [0, 0],
    [12, 12],
    [27, 27],
    [28, 27],
    [1000, 27],
    [-5, 0],
  ])('clamps a wanted top of %s to %i', async (top, first) => {
    const model = await modelWith(lines(0, 30), { rows: 4, scrollback: 50 });
    expect(model.clampTop(top)).toBe(first);
  });

  it('shows the bottom for a top past the bottom', async () => {
    const model = await modelWith(lines(0, 30), { rows: 4, scrollback: 50 });
    expect(model.viewport(500)).toEqual(model.viewport(null));
  });

  it('reads the plain text of an absolute line, styles removed', async () => {
    const model = await modelWith('\x1b[31mred\x1b[0m text\r\nnext');
    expect(model.lineText(0)).toBe('red text');
    expect(model.lineText(1)).toBe('next');
    expect(model.lineText(999)).toBe('');
  });
});

describe('search', () => {
  it('finds every match with its line and columns', async () => {
    const model = await modelWith('no\r\nan error here\r\nerror and error');
    expect(model.search('error')).toEqual([
      { line: 1, start: 3, end: 8 },
      { line: 2, start: 0, end: 5 },
      { line: 2, start: 10, end: 15 },
    ]);
  });

  it('finds matches in the scrollback, by absolute line', async () => {
    const model = await modelWith(lines(0, 40), { rows: 4, scrollback: 100 });
    const matches = model.search('line 3');
    expect(matches.map((m) => m.line)).toEqual([3, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39]);
    expect(model.lineText(matches[0]?.line ?? -1)).toBe('line 3');
  });

  it('does not count overlapping matches twice', async () => {
    const model = await modelWith('aaaa');
    expect(model.search('aa')).toEqual([
      { line: 0, start: 0, end: 2 },
      { line: 0, start: 2, end: 4 },
    ]);
  });

  it.each([
    ['error', 3],
    ['ERROR', 1],
    ['Error', 1],
    ['eRRor', 0],
  ])('for %s finds %i matches: case-insensitive unless the query has a capital', async (query, count) => {
    const model = await modelWith('Error one\r\nerror two\r\nERROR three');
    expect(model.search(query)).toHaveLength(count);
  });

  it('finds nothing for an empty query', async () => {
    const model = await modelWith('text');
    expect(model.search('')).toEqual([]);
  });

  it('gives columns of cells, so a match after wide characters highlights the right cells', async () => {
    const model = await modelWith('中文 err');
    expect(model.search('err')).toEqual([{ line: 0, start: 5, end: 8 }]);
  });

  it('caches its result until the model changes', async () => {
    const model = await modelWith('one match\r\n');
    const first = model.search('match');
    expect(model.search('match')).toBe(first);
    model.write('another match\r\n');
    await model.flush();
    const second = model.search('match');
    expect(second).not.toBe(first);
    expect(second).toHaveLength(2);
  });

  it('caches per query', async () => {
    const model = await modelWith('alpha beta');
    expect(model.search('alpha')).toHaveLength(1);
    expect(model.search('beta')).toEqual([{ line: 0, start: 6, end: 10 }]);
  });
});

describe('the last lines', () => {
  it('are the last lines with text, oldest first, ignoring the empty screen below', async () => {
    const model = await modelWith('one\r\ntwo\r\nthree\r\nfour\r\n', { rows: 10 });
    expect(model.lastLines(2)).toEqual(['three', 'four']);
    expect(model.lastLines(10)).toEqual(['one', 'two', 'three', 'four']);
  });

  it('count only lines that have text', async () => {
    const model = await modelWith('a\r\nb\r\n\r\nc\r\n', { rows: 10 });
    expect(model.lastLines(2).filter((line) => line.trim() !== '')).toEqual(['b', 'c']);
  });

  it('never start with a blank line', async () => {
    const model = await modelWith('\r\n\r\nonly\r\n\r\n', { rows: 10 });
    expect(model.lastLines(5)).toEqual(['only']);
  });

  it('are empty when nothing was printed', async () => {
    const model = await modelWith('');
    expect(model.lastLines(3)).toEqual([]);
  });

  it('include lines already in the scrollback', async () => {
    const model = await modelWith(lines(0, 20), { rows: 3 });
    expect(model.lastLines(4)).toEqual(['line 16', 'line 17', 'line 18', 'line 19']);
  });
});

describe('modes and replies', () => {
  it.each([
    ['\x1b[6n', '', '\x1b[1;1R'],
    ['\x1b[6n', 'abc', '\x1b[1;4R'],
    ['\x1b[6n', 'one\r\ntwo\r\nxy', '\x1b[3;3R'],
  ])('answers the cursor position query %j after %j with %j', async (query, before, answer) => {
    const replies: string[] = [];
    await modelWith(before + query, { onReply: (data) => replies.push(data) });
    expect(replies).toEqual([answer]);
  });

  it('answers a primary device attributes query', async () => {
    const replies: string[] = [];
    await modelWith('\x1b[c', { onReply: (data) => replies.push(data) });
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(/^\x1b\[\?[\d;]+c$/);
  });

  it('sends no reply for ordinary output', async () => {
    const replies: string[] = [];
    await modelWith('\x1b[31mhello\x1b[0m\r\n', { onReply: (data) => replies.push(data) });
    expect(replies).toEqual([]);
  });

  it('follows the application cursor keys mode', async () => {
    const model = makeModel();
    expect(model.applicationCursorKeys).toBe(false);
    model.write('\x1b[?1h');
    await model.flush();
    expect(model.applicationCursorKeys).toBe(true);
    model.write('\x1b[?1l');
    await model.flush();
    expect(model.applicationCursorKeys).toBe(false);
  });

  it('reports where the cursor is', async () => {
    const model = await modelWith('one\r\nfour');
    expect(model.cursor).toEqual({ x: 4, y: 1 });
  });
});

describe('changes', () => {
  it('raise the version and tell listeners once output was parsed', async () => {
    const model = makeModel();
    let calls = 0;
    const stop = model.onChange(() => calls++);
    const before = model.version;
    model.write('hello');
    await model.flush();
    expect(model.version).toBeGreaterThan(before);
    expect(calls).toBeGreaterThan(0);
    stop();
    const seen = calls;
    model.write('more');
    await model.flush();
    expect(calls).toBe(seen);
  });

  it('happen on a resize, which changes the columns and rows', () => {
    const model = makeModel({ cols: 40, rows: 6 });
    const before = model.version;
    model.resize(100, 30);
    expect([model.cols, model.rows]).toEqual([100, 30]);
    expect(model.version).toBe(before + 1);
  });

  it('do not happen on a resize to the same size', () => {
    const model = makeModel({ cols: 40, rows: 6 });
    const before = model.version;
    model.resize(40, 6);
    expect(model.version).toBe(before);
  });

  it('keep a resize at least 2 columns by 1 row', () => {
    const model = makeModel();
    model.resize(0, 0);
    expect([model.cols, model.rows]).toEqual([2, 1]);
  });

  it('after a resize, give viewports of the new height', async () => {
    const model = await modelWith(lines(0, 20), { cols: 40, rows: 4 });
    model.resize(40, 8);
    expect(model.viewport(null)).toHaveLength(8);
  });
});

describe('highlights and the cursor in a row', () => {
  const only = (highlights: Highlight[]) => (line: number) => (line === 0 ? highlights : []);

  it.each<[Highlight['kind'], string]>([
    ['match', '0;30;43'],
    ['current', '0;30;103;1'],
    ['selection', '0;7'],
  ])('draws a %s highlight with SGR %s over its columns only', async (kind, sgr) => {
    const model = await modelWith('hello world today');
    const [row] = model.viewport(null, { highlightsFor: only([{ start: 6, end: 11, kind }]) });
    expect(row).toBe(`hello \x1b[${sgr}mworld\x1b[0m today`);
  });

  it('overrides the program\'s own colours under a highlight', async () => {
    const model = await modelWith('\x1b[31mredtext\x1b[0m');
    const [row] = model.viewport(null, { highlightsFor: only([{ start: 0, end: 3, kind: 'match' }]) });
    expect(trimmed(row)).toBe('\x1b[0;30;43mred\x1b[0;31mtext\x1b[0m');
  });

  it('highlights blanks too', async () => {
    const model = await modelWith('a  b');
    const [row] = model.viewport(null, { highlightsFor: only([{ start: 1, end: 3, kind: 'selection' }]) });
    expect(row).toBe('a\x1b[0;7m  \x1b[0mb');
  });

  it('asks for the highlights of each absolute line shown', async () => {
    const model = await modelWith(lines(0, 10), { rows: 3 });
    const asked: number[] = [];
    model.viewport(4, { highlightsFor: (line) => (asked.push(line), []) });
    expect(asked).toEqual([4, 5, 6]);
  });

  it('draws the cursor as an inverse cell when asked, following the bottom', async () => {
    const model = await modelWith('$ ls\r\nabc');
    expect(model.viewport(null, { showCursor: true }).slice(0, 2).map(trimmed)).toEqual(['$ ls', 'abc\x1b[0;7m \x1b[0m']);
  });

  it('draws the cursor over a character', async () => {
    const model = await modelWith('abcdef\x1b[3D');
    expect(model.viewport(null, { showCursor: true })[0]).toBe('abc\x1b[0;7md\x1b[0mef');
  });

  it("draws a block cursor as its cell inverted, keeping the cell's character and colours", async () => {
    const model = await modelWith('\x1b[1;31mab\x1b[7mcd\x1b[0m\x1b[3D');
    // On `b` (bold red): inverse added; on `c` (already inverse): inverse taken off.
    expect(model.viewport(null, { showCursor: true })[0]).toBe('\x1b[0;1;31ma\x1b[0;1;7;31mbcd\x1b[0m');
    const onInverse = await modelWith('\x1b[1;31mab\x1b[7mcd\x1b[0m\x1b[2D');
    expect(onInverse.viewport(null, { showCursor: true })[0]).toBe('\x1b[0;1;31mabc\x1b[0;1;7;31md\x1b[0m');
  });

  it.each([
    ['\x1b[4 q', 'underline'],
    ['\x1b[3 q', 'underline (blinking, drawn steady)'],
    ['\x1b[6 q', 'bar, drawn as an underline'],
  ])('draws the cursor shape %j as an underline: %s', async (decscusr) => {
    const model = await modelWith(`${decscusr}abcdef\x1b[3D`);
    expect(model.viewport(null, { showCursor: true })[0]).toBe('abc\x1b[0;4md\x1b[0mef');
    // On a cell already underlined an underline would not show: inverse then.
    const underlined = await modelWith(`${decscusr}abc\x1b[4mdef\x1b[0m\x1b[3D`);
    expect(underlined.viewport(null, { showCursor: true })[0]).toBe('abc\x1b[0;4;7md\x1b[0;4mef\x1b[0m');
  });

  it('draws the cursor on the last column after a full row, and on the whole of a wide character', async () => {
    const full = await modelWith('abcdefghij', { cols: 10, rows: 2 });
    expect(full.viewport(null, { showCursor: true })[0]).toBe('abcdefghi\x1b[0;7mj\x1b[0m');
    const wide = await modelWith('ab中\x1b[D', { cols: 10, rows: 2 });
    // xterm puts the cursor on the right half (column 3): it shows on the character.
    expect(wide.viewport(null, { showCursor: true })[0]).toBe('ab\x1b[0;7m中\x1b[0m');
  });

  it('draws no cursor while the program hides it (DECTCEM), and draws it again once shown', async () => {
    const model = await modelWith('abcdef\x1b[3D\x1b[?25l');
    expect(model.viewport(null, { showCursor: true })[0]).toBe('abcdef');
    model.write('\x1b[?25h');
    await model.flush();
    expect(model.viewport(null, { showCursor: true })[0]).toBe('abc\x1b[0;7md\x1b[0mef');
  });

  it('does not draw the cursor unless asked, or when scrolled back', async () => {
    const model = await modelWith(lines(0, 10) + 'abc', { rows: 3 });
    expect(model.viewport(null)[2]).toBe('abc');
    expect(model.viewport(0, { showCursor: true })).toEqual(['line 0', 'line 1', 'line 2']);
  });

  it('renders a missing line as an empty string', () => {
    const term = new xterm.Terminal({ cols: 10, rows: 2, allowProposedApi: true });
    const cell = term.buffer.active.getNullCell();
    expect(renderRow(undefined, 10, cell, [{ start: 0, end: 5, kind: 'match' }], { x: 0, shape: 'block' })).toBe('');
    term.dispose();
  });

  it('renders only the columns it is given', async () => {
    const term = new xterm.Terminal({ cols: 20, rows: 2, allowProposedApi: true });
    await new Promise<void>((resolve) => term.write('abcdefghij', resolve));
    const cell = term.buffer.active.getNullCell();
    expect(renderRow(term.buffer.active.getLine(0), 4, cell)).toBe('abcd');
    term.dispose();
  });
});

describe('stable line numbers while old lines drop off a full scrollback', () => {
  it('keeps a view scrolled back on its lines as new output pushes old ones out', async () => {
    const model = await modelWith(lines(0, 20), { rows: 3, scrollback: 10 });
    // Through xterm's internal line list: an xterm without it would let views drift again.
    expect(model.countsDroppedLines).toBe(true);
    // "line N" was the Nth line written: with stable numbers it stays line N.
    expect(model.lineText(15)).toBe('line 15');
    expect(model.viewport(15)).toEqual(['line 15', 'line 16', 'line 17']);
    model.write(lines(20, 23));
    await model.flush();
    expect(model.viewport(15)).toEqual(['line 15', 'line 16', 'line 17']);
    expect(model.firstLine).toBe(11);
    // Scrolled above what is left: the oldest line kept.
    expect(model.viewport(5)).toEqual(['line 11', 'line 12', 'line 13']);
    expect(model.search('line 17')).toEqual([{ line: 17, start: 0, end: 7 }]);
  });

  it('numbers the lines after a reset (RIS) after every line before it', async () => {
    const model = await modelWith(lines(0, 20), { rows: 3, scrollback: 10 });
    const before = model.lastLine;
    model.write('\x1bcafter reset\r\n');
    await model.flush();
    expect(model.firstLine).toBeGreaterThan(before);
    expect(model.lineText(model.firstLine)).toBe('after reset');
    expect(model.viewport(model.firstLine)[0]).toBe('after reset');
  });

  it('counts lines dropped by one write far longer than the scrollback, and by a shorter scrollback', async () => {
    const model = await modelWith(lines(0, 1000), { rows: 3, scrollback: 10 });
    expect(model.lineText(model.firstLine)).toBe(`line ${model.firstLine}`);
    expect(model.lineText(model.lastLine - 1)).toBe('line 999');
    model.write(lines(1000, 3000));
    await model.flush();
    expect(model.lineText(model.firstLine)).toBe(`line ${model.firstLine}`);
    model.setScrollback(4);
    expect(model.lineText(model.firstLine)).toBe(`line ${model.firstLine}`);
    expect(model.viewport(model.firstLine)[0]).toBe(`line ${model.firstLine}`);
    expect(model.lastLine - model.firstLine).toBe(4 + 3 - 1);
  });
});

describe('a search kept up to date as output comes', () => {
  /** Every match by reading each kept line afresh (ASCII text: a column is an offset). */
  function fullScan(model: TerminalModel, needle: string): SearchMatch[] {
    const found: SearchMatch[] = [];
    for (let line = model.firstLine; line <= model.lastLine; line++) {
      const text = model.lineText(line).toLowerCase();
      for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) found.push({ line, start: at, end: at + needle.length });
    }
    return found;
  }

  it('reads again the lines a taller screen took back from the scrollback, once they are overwritten', async () => {
    const model = await modelWith(Array.from({ length: 10 }, (_, i) => `needle ${i}\r\n`).join(''), { rows: 3, scrollback: 20 });
    expect(model.search('needle')).toHaveLength(10);
    model.resize(40, 8);
    model.write('\x1b[Hplain\x1b[K');
    await model.flush();
    expect(model.search('needle')).toEqual(fullScan(model, 'needle'));
    expect(model.search('needle')).toHaveLength(9);
  });

  it('finds what a full reading finds, through scrolling, overwrites on the screen, clears and resizes', async () => {
    let seed = 11;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const pieces = [
      'log line\r\n',
      'a NEEDLE here\r\n',
      'needle and needle\r\n',
      // Wraps below 30 columns: a resize rewraps the scrollback.
      'a long line of words that wraps, needle at its end\r\n',
      '\x1b[2A\rneedle over\x1b[K\r\n\r\n',
      // The screen's top row: after a taller resize, a line that was in the scrollback.
      '\x1b[Hno match now\x1b[K\x1b[99B\r\n',
      '\rprogress needle 5%',
      '\x1b[2J\x1b[H',
      '\x1b[3J',
      '\x1b[?1049hneedle on the alternate screen\r\n',
      '\x1b[?1049l',
      'xx\r\n',
    ];
    const model = makeModel({ cols: 30, rows: 5, scrollback: 40 });
    for (let step = 0; step < 400; step++) {
      let data = '';
      for (let i = 0, n = 1 + random(8); i < n; i++) data += pieces[random(pieces.length)];
      model.write(data);
      await model.flush();
      if (random(10) === 0) model.resize(15 + random(30), 3 + random(8));
      expect(model.search('needle'), `step ${step}: ${JSON.stringify(data)}`).toEqual(fullScan(model, 'needle'));
    }
  });
});

describe('rows drawn again only when the output moved', () => {
  it('hands back the same rows while nothing changed, and new ones after output, a scroll or a resize', async () => {
    const model = await modelWith(lines(0, 10), { rows: 3 });
    const first = model.viewport(null);
    expect(first).toEqual(['line 8', 'line 9', '']);
    expect(model.viewport(null)).toBe(first);
    expect(model.viewport(2)).toEqual(['line 2', 'line 3', 'line 4']);
    model.write('line 10');
    await model.flush();
    expect(model.viewport(null)).toEqual(['line 8', 'line 9', 'line 10']);
    const wider = model.viewport(null);
    model.resize(20, 3);
    expect(model.viewport(null)).not.toBe(wider);
  });

  it('forgets its rows when a shorter scrollback drops lines from the top', async () => {
    const model = await modelWith(lines(0, 20), { rows: 3 });
    expect(model.viewport(0)).toEqual(['line 0', 'line 1', 'line 2']);
    const version = model.version;
    model.setScrollback(5);
    // Not new output: a hidden instance does not get the unseen mark for it.
    expect(model.version).toBe(version);
    // Line numbers moved with the dropped lines: 5 of scrollback above the screen's 3 rows are left.
    expect(model.viewport(0)).toEqual(['line 13', 'line 14', 'line 15']);
  });

  it('draws highlights and the cursor fresh, and the plain rows again after them', async () => {
    const model = await modelWith('abc', { rows: 2 });
    const plain = model.viewport(null);
    const highlighted = model.viewport(null, { highlightsFor: (line) => (line === 0 ? [{ start: 0, end: 1, kind: 'match' }] : []) });
    expect(highlighted[0]).toBe('\x1b[0;30;43ma\x1b[0mbc');
    expect(model.viewport(null, { showCursor: true })[0]).toBe('abc\x1b[0;7m \x1b[0m');
    expect(model.viewport(null)).toBe(plain);
  });
});

describe('rows end at the last drawn cell', () => {
  it('draws every row as a visit of every column would', async () => {
    // Random styled writes, erases with a background, wide and combining characters, highlights and a cursor.
    let seed = 7;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const pieces = ['a', 'word ', '  ', '\x1b[31m', '\x1b[1;44m', '\x1b[7m', '\x1b[0m', '\x1b[42m\x1b[K', '\x1b[0K', '界', 'e\u0301', '✅', '\x1b[5G', '\r\n', '\x1b[38;2;1;2;3m', '\x1b[2K'];
    const cols = 24;
    for (let round = 0; round < 60; round++) {
      const term = new xterm.Terminal({ cols, rows: 5, allowProposedApi: true });
      let data = '';
      for (let i = 0; i < 25; i++) data += pieces[random(pieces.length)];
      await new Promise<void>((resolve) => term.write(data, resolve));
      const cell = term.buffer.active.getNullCell();
      for (let y = 0; y < 5; y++) {
        const line = term.buffer.active.getLine(y) as xterm.IBufferLine;
        const start = random(cols);
        const highlights: Highlight[] = random(3) === 0 ? [{ start, end: start + 1 + random(cols - start), kind: 'match' }] : [];
        const cursor = random(4) === 0 ? { x: random(cols), shape: (['block', 'underline', 'bar'] as const)[random(3)]! } : undefined;
        expect(renderRow(line, cols, cell, highlights, cursor), JSON.stringify({ data, y, highlights, cursor })).toBe(renderRow(publicLineOnly(line), cols, cell, highlights, cursor));
      }
      term.dispose();
    }
  });
});

describe('a program setting the clipboard (OSC 52)', () => {
  it('passes a set on, and never a request to read the clipboard', async () => {
    const copied: string[] = [];
    await modelWith('\x1b]52;c;aGVsbG8=\x07\x1b]52;c;?\x07\x1b]52;;d29ybGQ=\x1b\\\x1b]52;c;not base64!\x07shown', { onClipboard: (data) => copied.push(data) });
    expect(copied).toEqual(['c;aGVsbG8=', ';d29ybGQ=']);
  });
});

describe('the mouse, for a program that asked for it', () => {
  async function tracking(modes: string): Promise<{ model: TerminalModel; replies: string[] }> {
    const replies: string[] = [];
    const model = await modelWith(modes, { onReply: (data) => replies.push(data) });
    return { model, replies };
  }

  it('reports presses, releases and the wheel at the cell, in SGR when asked (1006)', async () => {
    const { model, replies } = await tracking('\x1b[?1000h\x1b[?1006h');
    expect(model.mouseTracking).toBe(true);
    expect(model.sendMouse({ col: 4, row: 2, kind: 'press', button: 0 })).toBe(true);
    model.sendMouse({ col: 4, row: 2, kind: 'release', button: 0 });
    model.sendMouse({ col: 0, row: 0, kind: 'wheelUp', button: 0 });
    model.sendMouse({ col: 0, row: 0, kind: 'wheelDown', button: 0 });
    expect(replies).toEqual(['\x1b[<0;5;3M', '\x1b[<0;5;3m', '\x1b[<64;1;1M', '\x1b[<65;1;1M']);
  });

  it('reports in the old encoding when SGR was not asked for', async () => {
    const { model, replies } = await tracking('\x1b[?1000h');
    model.sendMouse({ col: 4, row: 2, kind: 'press', button: 2 });
    expect(replies).toEqual(['\x1b[M"%#']);
  });

  it('sends nothing to a program that did not ask, or outside its screen', async () => {
    const { model, replies } = await tracking('plain');
    expect(model.mouseTracking).toBe(false);
    expect(model.sendMouse({ col: 1, row: 1, kind: 'press', button: 0 })).toBe(false);
    const asked = await tracking('\x1b[?1000h\x1b[?1006h');
    expect(asked.model.sendMouse({ col: 400, row: 1, kind: 'press', button: 0 })).toBe(false);
    expect([...replies, ...asked.replies]).toEqual([]);
  });
});

describe('keys sent to a program', () => {
  it.each([
    ['\x1b[A', false, '\x1b[A'],
    ['\x1b[B', false, '\x1b[B'],
    ['\x1b[A', true, '\x1bOA'],
    ['\x1b[B', true, '\x1bOB'],
    ['\x1b[C', true, '\x1bOC'],
    ['\x1b[D', true, '\x1bOD'],
    ['\x1b[H', true, '\x1bOH'],
    ['\x1b[F', true, '\x1bOF'],
    ['\x1b[5~', true, '\x1b[5~'],
    ['\x1b[1;5A', true, '\x1b[1;5A'],
    ['a', true, 'a'],
    ['\r', true, '\r'],
    ['\x03', false, '\x03'],
    ['\x1bOA', false, '\x1bOA'],
  ])('%j with application cursor keys %s is sent as %j', (input, application, sent) => {
    expect(encodeKeyForProgram(input, application)).toBe(sent);
  });
});
