import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { stringWidthFast } from '../../src/bundle/string-width.js';

const noSlowPath = (): number => {
  throw new Error('left the fast path');
};

/** Every code point the fast path measures itself: printable ASCII, controls, and its self-contained ranges. */
function fastPathCodePoints(): number[] {
  const points: number[] = [];
  for (let cp = 0; cp <= 0xffff; cp++) {
    const char = String.fromCodePoint(cp);
    let fast = true;
    try {
      stringWidthFast(`a${char}b`, undefined, noSlowPath);
    } catch {
      fast = false;
    }
    if (fast) points.push(cp);
  }
  return points;
}

/** A small seeded generator: the same strings on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

describe('the fast string-width Ink measures with', () => {
  const points = fastPathCodePoints();

  it('covers the characters tfui draws and common text, and leaves marks, emoji sequences and joiners to string-width', () => {
    for (const char of '●◌↻✖○■›│─┌┐└┘█▌⠋é中한ä€→') expect(points).toContain(char.codePointAt(0));
    for (const char of '\u0301\u200d\ufe0f\u00ad\u200b\u1100\ud83d') expect(points).not.toContain(char.codePointAt(0));
    expect(points.length).toBeGreaterThan(35_000);
  });

  it('agrees with string-width on every code point it measures itself', () => {
    const wrong: string[] = [];
    for (const cp of points) {
      const char = String.fromCodePoint(cp);
      const fast = stringWidthFast(char, undefined, noSlowPath);
      if (fast !== stringWidth(char)) wrong.push(`U+${cp.toString(16)}: ${fast} vs ${stringWidth(char)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('agrees with string-width on mixed strings of them, with colours, next to each other in any order', () => {
    const next = random(7);
    const pick = () => String.fromCodePoint(points[Math.floor(next() * points.length)]!);
    const styles = ['\x1b[31m', '\x1b[1;4m', '\x1b[38;5;208m', '\x1b[0m', '\x1b[48;2;1;2;3m'];
    for (let sample = 0; sample < 20_000; sample++) {
      let text = '';
      const length = 1 + Math.floor(next() * 12);
      for (let i = 0; i < length; i++) text += next() < 0.15 ? styles[Math.floor(next() * styles.length)] : pick();
      expect(stringWidthFast(text, undefined, noSlowPath), JSON.stringify(text)).toBe(stringWidth(text));
    }
  });

  it('hands everything else to string-width, options included', () => {
    const calls: string[] = [];
    const slow = (text: string, options?: Parameters<typeof stringWidth>[1]) => {
      calls.push(text);
      return stringWidth(text, options);
    };
    for (const text of ['e\u0301', '👍🏽', '🇫🇷', 'a\u200db', '\ufe0f', '한\u1161']) expect(stringWidthFast(text, undefined, slow)).toBe(stringWidth(text));
    expect(stringWidthFast('abc', { countAnsiEscapeCodes: true }, slow)).toBe(3);
    expect(stringWidthFast('±', { ambiguousIsNarrow: false }, slow)).toBe(stringWidth('±', { ambiguousIsNarrow: false }));
    expect(calls).toHaveLength(8);
    expect(stringWidthFast('', undefined, noSlowPath)).toBe(0);
    expect(stringWidthFast('\x1b[31mred\x1b[39m', undefined, noSlowPath)).toBe(3);
  });
});
