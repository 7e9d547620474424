import { describe, expect, it } from 'vitest';
import { canDrawScreen } from '../../src/cli/start.js';

describe('which terminals get the screen', () => {
  it.each([
    ['xterm-256color', true],
    ['tmux-256color', true],
    ['screen', true],
    ['linux', true],
    ['dumb', false],
    ['', false],
    [undefined, false],
  ])('TERM=%j: %s', (term, expected) => {
    expect(canDrawScreen(term)).toBe(expected);
  });
});
