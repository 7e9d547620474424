import { describe, expect, it } from 'vitest';
import { withCursor, differences } from './compare-cells.js';
import { DEFAULT_STYLE, applySgr, screenCells } from './screen-cells.js';

describe('screen cells from a tmux capture', () => {
  it('reads every attribute, and each reset ends only its own', () => {
    let style = applySgr(DEFAULT_STYLE, '1;2;3;4;5;7;8;9');
    expect(style).toMatchObject({ bold: true, dim: true, italic: true, underline: 1, blink: true, inverse: true, hidden: true, strike: true });
    style = applySgr(style, '22');
    expect(style).toMatchObject({ bold: false, dim: false, italic: true });
    for (const [reset, field] of [['23', 'italic'], ['24', 'underline'], ['25', 'blink'], ['27', 'inverse'], ['28', 'hidden'], ['29', 'strike']] as const) {
      expect(applySgr(style, reset)[field]).toBeFalsy();
    }
    expect(applySgr(style, '0')).toEqual(DEFAULT_STYLE);
    expect(applySgr(style, '')).toEqual(DEFAULT_STYLE);
  });

  it('reads colours in every spelling to one name: palette, 256 and truecolour, with ; or :', () => {
    expect(applySgr(DEFAULT_STYLE, '31;104')).toMatchObject({ fg: 'p1', bg: 'p12' });
    expect(applySgr(DEFAULT_STYLE, '38;5;1;48:5:208')).toMatchObject({ fg: 'p1', bg: 'p208' });
    expect(applySgr(DEFAULT_STYLE, '38;2;1;2;3;1')).toMatchObject({ fg: '#010203', bold: true });
    expect(applySgr(DEFAULT_STYLE, '38:2::255:128:0;48:2:0:10:20:30')).toMatchObject({ fg: '#ff8000', bg: '#0a141e' });
    expect(applySgr(applySgr(DEFAULT_STYLE, '31;44'), '39;49')).toMatchObject({ fg: 'default', bg: 'default' });
    expect(applySgr(DEFAULT_STYLE, '4:3').underline).toBe(3);
    expect(applySgr(applySgr(DEFAULT_STYLE, '4:3'), '4:0').underline).toBe(0);
  });

  it('places wide characters on two cells and marks on the character before them; pads rows; carries styles across rows', () => {
    const screen = screenCells('中e\u0301\x1b[1mx\nb\x1b[0m\n', 6, 3);
    expect(screen.map((row) => row.map((cell) => cell.char).join('|'))).toEqual(['中||e\u0301|x| | ', 'b| | | | | ', ' | | | | | ']);
    expect(screen[0]![3]!.bold).toBe(true);
    expect(screen[1]![0]!.bold).toBe(true);
    expect(screen[1]![1]!.bold).toBe(false);
  });

  it('refuses what tmux would not write, rather than guess', () => {
    expect(() => screenCells('\x1b[2Jx', 4, 1)).toThrow(/unexpected escape/);
  });
});

describe('the comparison', () => {
  it('marks the cursor as the pane draws it, and reports each differing field', () => {
    const screen = screenCells('ab\x1b[4mc\x1b[0m中', 6, 1);
    const cursorOnB = withCursor(screen, { x: 1, y: 0, visible: true }, 'block');
    expect(cursorOnB[0]![1]!.inverse).toBe(true);
    expect(withCursor(screen, { x: 1, y: 0, visible: true }, 'bar')[0]![1]!.underline).toBe(1);
    // Already underlined: inverse instead. On a wide character: both halves.
    expect(withCursor(screen, { x: 2, y: 0, visible: true }, 'underline')[0]![2]!.inverse).toBe(true);
    expect(withCursor(screen, { x: 4, y: 0, visible: true }, 'block')[0]!.slice(3, 5).map((cell) => cell.inverse)).toEqual([true, true]);
    expect(withCursor(screen, { x: 1, y: 0, visible: false }, 'block')).toEqual(screen);
    expect(differences(cursorOnB, screen)).toEqual(['row 0 col 1: inverse true ≠ false']);
    expect(differences(screen, screen)).toEqual([]);
  });
});
