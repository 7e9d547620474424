import { describe, expect, it } from 'vitest';
import { EndMarkerFilter } from '../../src/engine/end-marker.js';

const MARKER = Buffer.from('\x1b_end:42\x1b\\');

function filter() {
  const out: Buffer[] = [];
  let found = 0;
  const f = new EndMarkerFilter(MARKER, (data) => out.push(Buffer.from(data)), () => (found += 1));
  return { f, text: () => Buffer.concat(out).toString('latin1'), found: () => found };
}

describe('the end-of-output marker filter', () => {
  it('passes everything through untouched until armed', () => {
    const { f, text, found } = filter();
    f.push(Buffer.concat([Buffer.from('before '), MARKER]));
    expect(text()).toBe(`before ${MARKER.toString('latin1')}`);
    expect(found()).toBe(0);
  });

  it('finds the marker in one piece or split anywhere, and never passes it on', () => {
    const stream = Buffer.concat([Buffer.from('last words\r\n'), MARKER]);
    for (let cut = 0; cut <= stream.length; cut++) {
      for (let second = cut; second <= stream.length; second++) {
        const { f, text, found } = filter();
        f.arm();
        f.push(stream.subarray(0, cut));
        f.push(stream.subarray(cut, second));
        f.push(stream.subarray(second));
        expect(text(), `cut at ${cut}, ${second}`).toBe('last words\r\n');
        expect(found()).toBe(1);
      }
    }
  });

  it('drops the start of a marker that never came in full, so no half escape string reaches a terminal', () => {
    const { f, text, found } = filter();
    f.arm();
    f.push(Buffer.from('text \x1b_en'));
    expect(text()).toBe('text ');
    f.abandon();
    f.push(Buffer.from('more'));
    expect(text()).toBe('text more');
    expect(found()).toBe(0);
  });

  it('keeps bytes that came after the marker', () => {
    const { f, text } = filter();
    f.arm();
    f.push(Buffer.concat([Buffer.from('a'), MARKER, Buffer.from('b')]));
    f.push(Buffer.from('c'));
    expect(text()).toBe('abc');
  });
});
