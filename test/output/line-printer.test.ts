import { describe, expect, it } from 'vitest';
import { LinePrinter, nameWidth } from '../../src/output/index.js';

function printer(options: { color?: boolean; timestamps?: boolean; width?: number } = {}) {
  let out = '';
  const p = new LinePrinter({
    out: { write: (chunk: string | Uint8Array) => (out += Buffer.from(chunk).toString('latin1')) },
    timestamps: options.timestamps ?? true,
    color: options.color ?? false,
    nameWidth: options.width ?? 6,
    now: () => new Date(2026, 0, 2, 3, 4, 5),
  });
  return { p, out: () => out };
}

describe('foreman line format', () => {
  it.each([
    [['web'], [1], 6],
    [['web', 'worker'], [1, 1], 8],
    [['web', 'worker'], [10, 0], 9],
    [['a_very_long_name'], [1], 18],
  ])('names %j with counts %j are padded to %i', (names, counts, width) => {
    expect(nameWidth(names, counts)).toBe(width);
  });

  it('prints time, padded name and " | " before the text', () => {
    const { p, out } = printer({ width: 8 });
    p.line('web.1', 0, 'hello');
    p.system('sending SIGTERM to all processes');
    expect(out()).toBe('03:04:05 web.1    | hello\n03:04:05 system   | sending SIGTERM to all processes\n');
  });

  it('colours the prefix by the type\'s Procfile position, as foreman: cyan, yellow, green, magenta, red, blue, then again', () => {
    const { p, out } = printer({ color: true, timestamps: false });
    for (const index of [0, 1, 2, 3, 4, 5, 6]) p.line('x.1', index, 't');
    p.system('s');
    const codes = [...out().matchAll(/\x1b\[(\d+)mx\.1 {4}\| \x1b\[0mt\n/g)].map((m) => m[1]);
    expect(codes).toEqual(['36', '33', '32', '35', '31', '34', '36']);
    expect(out().endsWith('\x1b[37msystem | \x1b[0ms\n')).toBe(true);
  });

  it('keeps empty lines and leading whitespace, and drops the pty\'s carriage return', () => {
    const { p, out } = printer({ timestamps: false });
    const sink = p.sinkFor('web.1', 0);
    sink.write(Buffer.from('first\r\n\r\n   indented\r\nprogress 10%\rprogress 100%\r\n'));
    expect(out()).toBe('web.1  | first\nweb.1  | \nweb.1  |    indented\nweb.1  | progress 10%\rprogress 100%\n');
  });

  it('holds a partial line until its end arrives, and prints a last line without a newline on flush', () => {
    const { p, out } = printer({ timestamps: false });
    const sink = p.sinkFor('web.1', 0);
    sink.write(Buffer.from('half'));
    expect(out()).toBe('');
    sink.write(Buffer.from(' and half\r\nlast'));
    expect(out()).toBe('web.1  | half and half\n');
    sink.flush();
    expect(out()).toBe('web.1  | half and half\nweb.1  | last\n');
  });

  it('passes bytes that are not UTF-8 through untouched, as foreman does', () => {
    const { p, out } = printer({ timestamps: false });
    const sink = p.sinkFor('w.1', 0);
    sink.write(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0d, 0x0a, 0xff, 0xfe, 0x0d]));
    sink.write(Buffer.from([0x0a]));
    expect(out()).toBe('w.1    | caf\xe9\nw.1    | \xff\xfe\n');
  });
});
