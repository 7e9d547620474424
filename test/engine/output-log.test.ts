import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OutputLog, plain } from '../../src/engine/output-log.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const texts = (log: OutputLog, options?: Parameters<OutputLog['read']>[0]) => log.read(options).lines.map((l) => l.text);

describe('plain: a pty line as a person saw it', () => {
  it.each([
    ['\x1b[31mred\x1b[0m and plain\r', 'red and plain'],
    ['progress 10%\rprogress 55%\rprogress 100%\r', 'progress 100%'],
    ['abcdef\rXY', 'XYcdef'],
    ['\x1b]0;title\x07text', 'text'],
    ['', ''],
  ])('%j reads %j', (raw, shown) => {
    expect(plain(raw)).toBe(shown);
  });
});

describe('OutputLog', () => {
  it('numbers lines from 1 and reads on after a cursor', () => {
    const log = new OutputLog();
    log.append(bytes('one\r\ntwo\r\nthr'));
    expect(log.read()).toMatchObject({ lines: [{ seq: 1, text: 'one' }, { seq: 2, text: 'two' }], cursor: 2, skipped: 0 });
    expect(log.pendingLine).toBe('thr');
    log.append(bytes('ee\r\nfour\r\n'));
    expect(log.read({ after: 2 })).toMatchObject({ lines: [{ seq: 3, text: 'three' }, { seq: 4, text: 'four' }], cursor: 4 });
    expect(log.read({ after: 4 })).toMatchObject({ lines: [], cursor: 4 });
  });

  it('gives the last N lines, its cursor at the newest line', () => {
    const log = new OutputLog();
    log.append(bytes(Array.from({ length: 10 }, (_, i) => `line ${i + 1}\n`).join('')));
    expect(log.read({ limit: 3 })).toMatchObject({ lines: [{ text: 'line 8' }, { text: 'line 9' }, { text: 'line 10' }], cursor: 10 });
    expect(texts(log, { limit: 0 })).toEqual([]);
  });

  it('keeps the newest lines only, and counts the ones a late reader missed', () => {
    const log = new OutputLog(5);
    log.append(bytes(Array.from({ length: 12 }, (_, i) => `l${i + 1}\n`).join('')));
    const read = log.read({ after: 3 });
    expect(read.lines.map((l) => l.text)).toEqual(['l8', 'l9', 'l10', 'l11', 'l12']);
    expect(read.skipped).toBe(4);
  });

  it('drops unread bytes past its bound instead of holding a flood, and says how many lines went', () => {
    const log = new OutputLog(100_000);
    const line = `${'x'.repeat(99)}\n`;
    // 5 MiB nobody read: only the newest ~1-2 MiB are kept, whole lines only.
    for (let i = 0; i < 50; i++) log.append(bytes(line.repeat(1000)));
    const read = log.read({ after: 0 });
    expect(read.lines.length).toBeGreaterThan(5_000);
    expect(read.lines.length).toBeLessThan(25_000);
    expect(read.lines.every((l) => l.text === 'x'.repeat(99))).toBe(true);
    expect(read.skipped + read.lines.length).toBe(50_000);
    expect(read.lines.at(-1)?.seq).toBe(50_000);
  });

  it('reads the same lines however the bytes were cut into chunks (UTF-8 split included)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom('\n', '\r\n', '\r', '\x1b[1m', 'é', '✅', '日本'), fc.string({ maxLength: 8 })), { maxLength: 40 }),
        fc.array(fc.nat(60), { maxLength: 10 }),
        (pieces, cuts) => {
          const all = bytes(pieces.join(''));
          const whole = new OutputLog();
          whole.append(all);
          const chunked = new OutputLog();
          let from = 0;
          for (const cut of [...cuts].sort((a, b) => a - b)) {
            const to = Math.min(all.length, cut);
            if (to > from) chunked.append(all.subarray(from, to));
            from = Math.max(from, to);
          }
          chunked.append(all.subarray(from));
          expect(texts(chunked)).toEqual(texts(whole));
          expect(chunked.pendingLine).toEqual(whole.pendingLine);
        },
      ),
    );
  });
});
