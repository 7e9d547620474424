import { describe, expect, it } from 'vitest';
import { ENTER, LEAVE, TerminalModes } from '../../src/ui/terminal-modes.js';

/** Every mode turned on is turned off again, in the reverse order. */
function modesOf(sequence: string): string[] {
  return [...sequence.matchAll(/\x1b\[\?(\d+)[hl]/g)].map((match) => match[1] as string);
}

describe('the outer terminal\'s modes', () => {
  it('turns off on leaving every mode it turned on, bracketed paste included', () => {
    expect(modesOf(ENTER)).toEqual(['1049', '25', '1000', '1006', '2004']);
    expect(modesOf(LEAVE)).toEqual([...modesOf(ENTER)].reverse());
    expect(ENTER).toContain('\x1b[?2004h');
    expect(LEAVE).toContain('\x1b[?2004l');
  });

  it('writes each once however often it is asked, and leaves raw mode', () => {
    const written: string[] = [];
    const raw: boolean[] = [];
    const modes = new TerminalModes({ write: (text: string) => written.push(text) }, { isTTY: true, setRawMode: (on: boolean) => raw.push(on) });
    modes.enter();
    modes.enter();
    modes.restore();
    modes.restore();
    expect(written).toEqual([ENTER, LEAVE]);
    expect(raw).toEqual([false]);
  });
});
