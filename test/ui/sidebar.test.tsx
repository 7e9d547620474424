import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { InstanceSnapshot, InstanceState } from '../../src/engine/index.js';
import { Sidebar, type SidebarProps } from '../../src/ui/components/Sidebar.js';
import type { SidebarRow } from '../../src/ui/sidebar-rows.js';
import { instanceSnapshot } from '../helpers/snapshots.js';

const NOW = 1_700_000_000_000;

function instance(id: string, overrides: Partial<InstanceSnapshot> = {}): InstanceSnapshot {
  return instanceSnapshot(id, overrides, NOW - 42_000);
}

function instanceRow(snapshot: InstanceSnapshot): SidebarRow {
  return { key: snapshot.id, kind: 'instance', instance: snapshot };
}

function typeRow(processType: string): SidebarRow {
  return { key: `type:${processType}`, kind: 'type', processType };
}

const instances: ReturnType<typeof render>[] = [];

afterEach(() => {
  for (const app of instances.splice(0)) app.unmount();
});

/** The sidebar's lines as drawn, colours removed. */
function draw(props: Partial<SidebarProps> & { rows: SidebarRow[] }): string[] {
  const full: SidebarProps = {
    selected: props.rows[0]?.key ?? null,
    width: 34,
    height: props.rows.length + 1,
    now: NOW,
    unseen: new Set(),
    matches: null,
    formation: new Map(),
    ...props,
  };
  const app = render(<Sidebar {...full} />);
  instances.push(app);
  return (app.lastFrame() ?? '').split('\n');
}

/** The line that shows `key`. */
function lineOf(lines: string[], key: string): string {
  const line = lines.find((l) => l.includes(` ${key} `) || l.endsWith(` ${key}`));
  if (line === undefined) throw new Error(`no line for ${key} in:\n${lines.join('\n')}`);
  return line;
}

describe('the sidebar', () => {
  it.each<[InstanceState, string]>([
    ['running', '●'],
    ['starting', '◌'],
    ['stopping', '◌'],
    ['crashed', '✖'],
    ['exited', '○'],
    ['stopped', '■'],
    ['backoff', '↻'],
  ])('shows a %s instance with %s', (state, glyph) => {
    const lines = draw({ rows: [instanceRow(instance('web.1', { state }))], selected: null });
    expect(lineOf(lines, 'web.1').slice(0, 2)).toBe(` ${glyph}`);
  });

  it('starts the selected row with › and no other', () => {
    const rows = ['web.1', 'web.2', 'worker.1'].map((id) => instanceRow(instance(id)));
    const lines = draw({ rows, selected: 'web.2' });
    expect(lineOf(lines, 'web.2').startsWith('›')).toBe(true);
    expect(lineOf(lines, 'web.1').startsWith('›')).toBe(false);
    expect(lineOf(lines, 'worker.1').startsWith('›')).toBe(false);
  });

  it('shows the port and the uptime of a running instance', () => {
    const lines = draw({ rows: [instanceRow(instance('web.2', { startedAt: NOW - 125_000 }))] });
    expect(lineOf(lines, 'web.2')).toMatch(/:5001 2m/);
  });

  it.each<[string, InstanceSnapshot['lastExit'], string]>([
    ['an exit code', { code: 3, signal: null, at: NOW }, 'exit 3'],
    ['a signal', { code: null, signal: 'SIGKILL', at: NOW }, 'SIGKILL'],
  ])('shows how a crashed instance ended: %s', (_name, lastExit, text) => {
    const lines = draw({ rows: [instanceRow(instance('web.1', { state: 'crashed', lastExit }))] });
    expect(lineOf(lines, 'web.1')).toContain(text);
  });

  it('counts down to the restart of an instance in backoff, rounding up', () => {
    const lines = draw({ rows: [instanceRow(instance('web.1', { state: 'backoff', restartAt: NOW + 4_200, lastExit: { code: 1, signal: null, at: NOW } }))] });
    expect(lineOf(lines, 'web.1')).toContain('in 5s');
  });

  it.each([
    [4_200, 'kill 5s'],
    [0, 'killing'],
    [-300, 'killing'],
  ])('counts down to the SIGKILL of an instance that is stopping (%i ms left): %s', (left, text) => {
    const lines = draw({ rows: [instanceRow(instance('web.1', { state: 'stopping', startedAt: NOW - 120_000, killAt: NOW + left }))] });
    expect(lineOf(lines, 'web.1')).toContain(text);
    expect(lineOf(lines, 'web.1')).not.toContain('2m');
  });

  it('writes a port conflict and a crash loop\'s verdict on lines of their own under the row', () => {
    const rows = [
      instanceRow(instance('web.1', { state: 'crashed', portConflict: '5000 in use by nginx', gaveUp: 'crashed 5 times in 30s' })),
      instanceRow(instance('web.2')),
    ];
    const lines = draw({ rows, height: 5 });
    const at = lines.findIndex((l) => l.includes(' web.1 '));
    expect(lines.slice(at + 1, at + 4).map((l) => l.trim())).toEqual(['5000 in use by nginx', 'crashed 5 times in 30s', expect.stringContaining('web.2')]);
  });

  it('keeps the selected row, not its notes, in view', () => {
    const rows = Array.from({ length: 10 }, (_, i) => instanceRow(instance(`web.${i + 1}`, { portConflict: `port ${i} taken` })));
    const lines = draw({ rows, selected: 'web.10', height: 4 });
    expect(lineOf(lines, 'web.10').startsWith('›')).toBe(true);
  });

  it('says a stopped instance is stopped', () => {
    const lines = draw({ rows: [instanceRow(instance('web.1', { state: 'stopped', lastExit: { code: null, signal: 'SIGTERM', at: NOW } }))] });
    expect(lineOf(lines, 'web.1')).toContain('stopped');
    expect(lineOf(lines, 'web.1')).not.toContain('SIGTERM');
  });

  it('shows restarts as ↻N, only when there were some', () => {
    const lines = draw({ rows: [instanceRow(instance('web.1', { restarts: 3 })), instanceRow(instance('web.2'))] });
    expect(lineOf(lines, 'web.1')).toContain('↻3');
    expect(lineOf(lines, 'web.2')).not.toContain('↻');
  });

  it('marks rows with unseen output with •', () => {
    const lines = draw({ rows: [instanceRow(instance('web.1')), instanceRow(instance('web.2'))], unseen: new Set(['web.2']) });
    expect(lineOf(lines, 'web.2')).toContain('•');
    expect(lineOf(lines, 'web.1')).not.toContain('•');
  });

  it('shows search match counts as ⌕N, zero included, while a search is active', () => {
    const rows = [instanceRow(instance('web.1')), instanceRow(instance('web.2'))];
    const lines = draw({ rows, matches: new Map([['web.1', 12], ['web.2', 0]]) });
    expect(lineOf(lines, 'web.1')).toContain('⌕12');
    expect(lineOf(lines, 'web.2')).toContain('⌕0');
  });

  it('shows no match counts without a search', () => {
    const lines = draw({ rows: [instanceRow(instance('web.1'))], matches: null });
    expect(lines.join('\n')).not.toContain('⌕');
  });

  it('shows a type scaled to 0 as NAME ×0', () => {
    const rows = [typeRow('web'), instanceRow(instance('worker.1'))];
    const lines = draw({ rows, selected: 'worker.1', formation: new Map([['web', 0], ['worker', 1]]) });
    expect(lines.some((l) => l.includes('web ×0'))).toBe(true);
  });

  it('selects a type row with ›', () => {
    const lines = draw({ rows: [typeRow('web')], selected: 'type:web', formation: new Map([['web', 0]]) });
    expect(lines.find((l) => l.includes('web ×0'))?.startsWith('›')).toBe(true);
  });

  it('counts running instances in its title', () => {
    const rows = [instanceRow(instance('web.1')), instanceRow(instance('web.2', { state: 'crashed' })), typeRow('clock')];
    const lines = draw({ rows });
    expect(lines[0]).toContain('1/2 running');
  });

  it('keeps each row on one line, however narrow', () => {
    const rows = [instanceRow(instance('a-very-long-process-name.1', { restarts: 9, state: 'crashed', lastExit: { code: 1, signal: null, at: NOW } }))];
    const lines = draw({ rows, width: 20, height: 2, unseen: new Set(['a-very-long-process-name.1']), matches: new Map([['a-very-long-process-name.1', 5]]) });
    expect(lines).toHaveLength(2);
  });

  it('with more rows than its height, keeps the selected row in view', () => {
    const rows = Array.from({ length: 30 }, (_, i) => instanceRow(instance(`web.${i + 1}`)));
    for (const selected of ['web.1', 'web.15', 'web.30']) {
      const lines = draw({ rows, selected, height: 8 });
      expect(lines.length).toBeLessThanOrEqual(8);
      expect(lineOf(lines, selected).startsWith('›')).toBe(true);
    }
  });

  it('shows ↑ and ↓ in its title when rows are hidden above or below', () => {
    const rows = Array.from({ length: 30 }, (_, i) => instanceRow(instance(`web.${i + 1}`)));
    expect(draw({ rows, selected: 'web.1', height: 8 })[0]).toMatch(/running ↓$/);
    expect(draw({ rows, selected: 'web.15', height: 8 })[0]).toMatch(/running ↑ ↓$/);
    expect(draw({ rows, selected: 'web.30', height: 8 })[0]).toMatch(/running ↑$/);
  });
});
