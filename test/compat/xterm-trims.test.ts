import { describe, expect, it } from 'vitest';
import { normalLineList } from '../../src/compat/xterm-trims.js';
import { headlessTerminal, headlessVersion, written, type HeadlessTerminal } from '../helpers/headless-terminals.js';

function lines(from: number, to: number): string {
  let out = '';
  for (let n = from; n < to; n++) out += `line ${n}\r\n`;
  return out;
}

/** A terminal whose normal buffer's trims are added up in `dropped()`. */
function counted(options: { rows: number; scrollback: number }): { term: HeadlessTerminal; dropped(): number } {
  const term = headlessTerminal({ cols: 20, ...options });
  const list = normalLineList(term);
  if (!list) throw new Error(`@xterm/headless ${headlessVersion}: _core.buffers.normal.lines with onTrim is gone`);
  let dropped = 0;
  list.onTrim((amount) => {
    dropped += amount;
  });
  return { term, dropped: () => dropped };
}

describe(`lines dropped off a full scrollback, counted through @xterm/headless ${headlessVersion}'s private line list`, () => {
  it('is where src/compat/xterm-trims.ts finds it (if this fails, another xterm moved it: a view scrolled back drifts under a flood)', () => {
    const list = normalLineList(headlessTerminal({ cols: 10, rows: 3 }));
    expect(list, `@xterm/headless ${headlessVersion}: _core.buffers.normal.lines with onTrim and length is gone`).toBeDefined();
    expect(list?.length).toBe(3);
  });

  it('fires onTrim with every line that overflows the scrollback, one at a time or many in one write', async () => {
    const { term, dropped } = counted({ rows: 3, scrollback: 10 });
    await written(term, lines(0, 12));
    // 12 lines and the empty one the cursor is on: 13 fit exactly.
    expect(dropped()).toBe(0);
    await written(term, lines(12, 20));
    expect(dropped()).toBe(8);
    await written(term, lines(20, 3000));
    expect(dropped()).toBe(2988);
    // The count is what tfui adds to an index for a line's stable number.
    expect(term.buffer.active.getLine(0)?.translateToString(true)).toBe(`line ${dropped()}`);
    expect(normalLineList(term)?.length).toBe(term.buffer.active.length);
  });

  it('fires onTrim when a shorter scrollback drops old lines', async () => {
    const { term, dropped } = counted({ rows: 3, scrollback: 10 });
    await written(term, lines(0, 20));
    const before = dropped();
    term.options.scrollback = 4;
    expect(dropped() - before).toBe(6);
    expect(term.buffer.active.getLine(0)?.translateToString(true)).toBe(`line ${dropped()}`);
  });

  it('is a new list after a reset (RIS), which tfui notices by identity', async () => {
    const term = headlessTerminal({ cols: 20, rows: 3, scrollback: 10 });
    const before = normalLineList(term);
    await written(term, '\x1bc');
    const after = normalLineList(term);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
  });

  it('is undefined, without throwing, on a terminal without it', () => {
    const bare = headlessTerminal({ cols: 10, rows: 3 });
    Object.defineProperty(bare, '_core', { value: { buffers: {} } });
    expect(normalLineList(bare)).toBeUndefined();
  });
});
