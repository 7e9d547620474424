import type { IBufferLine } from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { drawnLength, readsDrawnLength } from '../../src/compat/xterm-drawn-length.js';
import { headlessTerminal, headlessVersion, publicLineOnly, written } from '../helpers/headless-terminals.js';

/** Where a walk over the public cells finds the drawing ends: after the last cell with a character or a background. */
function walkedLength(line: IBufferLine): number {
  for (let x = line.length - 1; x >= 0; x--) {
    const cell = line.getCell(x);
    if (cell && (cell.getChars() !== '' || !cell.isBgDefault())) return x + cell.getWidth();
  }
  return 0;
}

describe(`where a line's drawing ends, read from @xterm/headless ${headlessVersion}'s private buffer line`, () => {
  it('is read from the internal line (if this fails, another xterm moved _line.getNoBgTrimmedLength: every frame visits every blank cell)', async () => {
    const term = headlessTerminal({ cols: 30, rows: 2 });
    await written(term, 'abc');
    const line = term.buffer.active.getLine(0)!;
    expect(readsDrawnLength(line), `@xterm/headless ${headlessVersion}: IBufferLine._line.getNoBgTrimmedLength is gone`).toBe(true);
    expect(drawnLength(line)).toBe(3);
    // The fallback: every column.
    expect(drawnLength(publicLineOnly(line))).toBe(30);
  });

  it('counts printed and coloured blanks and erases with a background, not cells never written', async () => {
    const term = headlessTerminal({ cols: 30, rows: 5 });
    await written(term, 'abc   \r\n\x1b[41m   \x1b[0m\r\n\x1b[44m\x1b[K\x1b[0m\r\n\r\nx\x1b[10G界');
    // Printed spaces count (renderRow drops trailing ones itself); a wide character counts both its cells.
    expect([0, 1, 2, 3, 4].map((y) => drawnLength(term.buffer.active.getLine(y)!))).toEqual([6, 3, 30, 0, 11]);
  });

  it('matches a walk over the public cells, for random styled writes, erases, wide and combining characters', async () => {
    let seed = 11;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const pieces = ['a', 'word ', '   ', '\x1b[31m', '\x1b[43m', '\x1b[4m', '\x1b[7m', '\x1b[0m', '\x1b[K', '\x1b[1K', '\x1b[3X', '界', 'e\u0301', '✅', '\x1b[9G', '\x1b[24G', '\r\n', '\x1b[48;2;1;2;3m', '\x1b[2K'];
    for (let round = 0; round < 60; round++) {
      const term = headlessTerminal({ cols: 24, rows: 4 });
      let data = '';
      for (let i = 0; i < 25; i++) data += pieces[random(pieces.length)];
      await written(term, data);
      for (let y = 0; y < 4; y++) {
        const line = term.buffer.active.getLine(y)!;
        expect(drawnLength(line), JSON.stringify({ data, y })).toBe(walkedLength(line));
      }
    }
  });
});
