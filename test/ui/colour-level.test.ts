import { WriteStream } from 'node:tty';
import { describe, expect, it } from 'vitest';
import { screenColourLevel } from '../../src/ui/colour-level.js';

// Node's own colour depth for a terminal, from an environment alone.
const terminal = { getColorDepth: (env?: NodeJS.ProcessEnv) => WriteStream.prototype.getColorDepth.call({}, env) };

describe("the screen's colour level", () => {
  it('leaves chalk alone when no CI variable is set', () => {
    expect(screenColourLevel(terminal, { TERM: 'xterm-256color' })).toBeUndefined();
  });

  it('follows the terminal, not CI, when a CI variable is set', () => {
    expect(screenColourLevel(terminal, { CI: 'true', TERM: 'xterm-256color' })).toBe(2);
    expect(screenColourLevel(terminal, { CI: '1', CI_JOB_ID: '7', TERM: 'xterm-256color', COLORTERM: 'truecolor' })).toBe(3);
    expect(screenColourLevel(terminal, { CONTINUOUS_INTEGRATION: '1', TERM: 'xterm' })).toBe(1);
  });

  it('still honours NO_COLOR and a dumb terminal', () => {
    expect(screenColourLevel(terminal, { CI: 'true', TERM: 'xterm-256color', NO_COLOR: '1' })).toBe(0);
    expect(screenColourLevel(terminal, { CI: 'true', TERM: 'dumb' })).toBe(0);
  });
});
