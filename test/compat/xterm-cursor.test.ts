import { describe, expect, it } from 'vitest';
import { cursorLook, readsCursorLook, showCursorOnReset } from '../../src/compat/xterm-cursor.js';
import { headlessTerminal, headlessVersion, written } from '../helpers/headless-terminals.js';

async function after(bytes: string) {
  const term = headlessTerminal({ cols: 10, rows: 3 });
  showCursorOnReset(term);
  await written(term, bytes);
  return cursorLook(term);
}

describe(`the cursor's visibility and shape, read from @xterm/headless ${headlessVersion}'s private core service`, () => {
  it('are where src/compat/xterm-cursor.ts reads them (if this fails, another xterm moved them: the pane would draw a hidden cursor)', () => {
    const term = headlessTerminal({ cols: 10, rows: 3 });
    expect(readsCursorLook(term), `@xterm/headless ${headlessVersion}: _core.coreService.isCursorHidden / decPrivateModes are gone`).toBe(true);
  });

  it('follow DECTCEM: hidden after ESC[?25l, shown again after ESC[?25h, after a soft reset and after RIS', async () => {
    expect(await after('')).toEqual({ hidden: false, shape: 'block' });
    expect((await after('\x1b[?25l')).hidden).toBe(true);
    expect((await after('\x1b[?25l\x1b[?25h')).hidden).toBe(false);
    expect((await after('\x1b[?25l\x1b[!p')).hidden).toBe(false);
    expect((await after('\x1b[?25l\x1bc')).hidden).toBe(false);
    // RIS still resets the rest: the shape is the default again.
    expect((await after('\x1b[?25l\x1b[4 q\x1bc')).shape).toBe('block');
  });

  it('follow DECSCUSR: 1-2 block, 3-4 underline, 5-6 bar, 0 the default', async () => {
    expect((await after('\x1b[2 q')).shape).toBe('block');
    expect((await after('\x1b[3 q')).shape).toBe('underline');
    expect((await after('\x1b[4 q')).shape).toBe('underline');
    expect((await after('\x1b[5 q')).shape).toBe('bar');
    expect((await after('\x1b[6 q')).shape).toBe('bar');
    expect((await after('\x1b[6 q\x1b[0 q')).shape).toBe('block');
  });
});
