import { describe, expect, it } from 'vitest';
import { reportMouse, reportsMouse, type CellMouseEvent } from '../../src/compat/xterm-mouse.js';
import { headlessTerminal, headlessVersion, written } from '../helpers/headless-terminals.js';

/** What the program reads for `events`, after it asked for mouse reports with `modes`. */
async function reports(modes: string, events: CellMouseEvent[]): Promise<{ sent: boolean[]; bytes: string[] }> {
  const term = headlessTerminal({ cols: 20, rows: 5 });
  const bytes: string[] = [];
  term.onData((data) => bytes.push(data));
  term.onBinary((data) => bytes.push(data));
  await written(term, modes);
  return { sent: events.map((event) => reportMouse(term, event)), bytes };
}

describe(`mouse reports through @xterm/headless ${headlessVersion}'s private mouse service`, () => {
  it('is where src/compat/xterm-mouse.ts calls it (if this fails, another xterm moved it: clicks no longer reach htop or vim)', () => {
    expect(reportsMouse(headlessTerminal({ cols: 10, rows: 3 })), `@xterm/headless ${headlessVersion}: _core.coreMouseService.triggerMouseEvent is gone`).toBe(true);
  });

  it('encodes press, release, drag and wheel as SGR (1006) bytes at the cell', async () => {
    const { sent, bytes } = await reports('\x1b[?1002h\x1b[?1006h', [
      { col: 4, row: 2, kind: 'press', button: 0 },
      { col: 5, row: 2, kind: 'drag', button: 0 },
      { col: 5, row: 2, kind: 'release', button: 0 },
      { col: 0, row: 0, kind: 'wheelUp', button: 0 },
      { col: 0, row: 0, kind: 'wheelDown', button: 0 },
      { col: 19, row: 4, kind: 'press', button: 2 },
    ]);
    expect(sent).toEqual([true, true, true, true, true, true]);
    expect(bytes).toEqual(['\x1b[<0;5;3M', '\x1b[<32;6;3M', '\x1b[<0;6;3m', '\x1b[<64;1;1M', '\x1b[<65;1;1M', '\x1b[<2;20;5M']);
  });

  it('encodes in the X10 bytes without 1006, and sends nothing unasked or off the screen', async () => {
    expect((await reports('\x1b[?1000h', [{ col: 4, row: 2, kind: 'press', button: 2 }])).bytes).toEqual(['\x1b[M"%#']);
    expect(await reports('', [{ col: 1, row: 1, kind: 'press', button: 0 }])).toEqual({ sent: [false], bytes: [] });
    expect(await reports('\x1b[?1000h\x1b[?1006h', [{ col: 400, row: 1, kind: 'press', button: 0 }])).toEqual({ sent: [false], bytes: [] });
  });

  it('sends nothing, without throwing, on a terminal without the service', () => {
    const bare = headlessTerminal({ cols: 10, rows: 3 });
    Object.defineProperty(bare, '_core', { value: {} });
    expect(reportsMouse(bare)).toBe(false);
    expect(reportMouse(bare, { col: 0, row: 0, kind: 'press', button: 0 })).toBe(false);
  });
});
