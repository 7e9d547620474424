import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { Pane, type PaneProps } from '../../src/ui/components/Pane.js';

const mounted: ReturnType<typeof render>[] = [];
afterEach(() => {
  for (const app of mounted.splice(0)) app.unmount();
});

function draw(props: Partial<PaneProps>): string {
  const full: PaneProps = { width: 21, height: 4, title: ' web.1 ● :5000', status: '', focused: false, inputMode: false, rows: [], ...props };
  const app = render(<Pane {...full} />);
  mounted.push(app);
  return app.lastFrame() ?? '';
}

describe('a pane', () => {
  const rows = ['\x1b[32mready\x1b[39m on 5000', '', '\x1b[1m● bold\x1b[22m and plain'];

  it('draws rows that fit, the title bar first', () => {
    const lines = draw({ rows }).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('web.1');
    expect(lines[1]).toContain('ready');
    expect(lines[3]).toContain('● bold');
  });

  it('keeps a row with an emoji (two columns to Ink, one to xterm) from pushing the others down', () => {
    const full = ['✅ ' + 'x'.repeat(18), 'second', 'third'];
    const lines = draw({ rows: full }).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('web.1');
    expect(lines[2]).toContain('second');
    expect(lines[3]).toContain('third');
  });

  it('cuts rows wider than the pane (a model not yet resized), one by one', () => {
    const wide = ['a'.repeat(40), 'b'.repeat(40), 'short'];
    const lines = draw({ rows: wide }).split('\n');
    expect(lines).toHaveLength(4);
    for (const line of lines.slice(1, 3)) expect(line.replace(/\x1b\[[0-9;]*m/g, '').length).toBeLessThanOrEqual(21);
    expect(lines[3]).toContain('short');
  });
});
