import { describe, expect, it } from 'vitest';
import type { InstanceSnapshot, SupervisorSnapshot } from '../../src/engine/index.js';
import { describeExit, formatDuration, formatUptime, nextDurationChange, nextLabelChange, nextUptimeChange, NOTE_INDENT, rowType, sidebarLines, sidebarRows } from '../../src/ui/sidebar-rows.js';
import { instanceSnapshot } from '../helpers/snapshots.js';

const instance = instanceSnapshot;

describe('sidebar rows', () => {
  it('keep the Procfile order of types, whatever the order of instances', () => {
    const snapshot: SupervisorSnapshot = {
      formation: [
        { processType: 'web', count: 2 },
        { processType: 'worker', count: 1 },
        { processType: 'clock', count: 1 },
      ],
      instances: [instance('clock.1'), instance('worker.1'), instance('web.1'), instance('web.2')],
    };
    expect(sidebarRows(snapshot).map((r) => r.key)).toEqual(['web.1', 'web.2', 'worker.1', 'clock.1']);
  });

  it('give a type scaled to 0 a row of its own, in its place', () => {
    const snapshot: SupervisorSnapshot = {
      formation: [
        { processType: 'web', count: 1 },
        { processType: 'worker', count: 0 },
        { processType: 'clock', count: 1 },
      ],
      instances: [instance('web.1'), instance('clock.1')],
    };
    const rows = sidebarRows(snapshot);
    expect(rows.map((r) => r.key)).toEqual(['web.1', 'type:worker', 'clock.1']);
    expect(rows[1]).toEqual({ key: 'type:worker', kind: 'type', processType: 'worker' });
  });

  it('carry the instance snapshot in an instance row', () => {
    const web = instance('web.1', { state: 'crashed', restarts: 2 });
    const [row] = sidebarRows({ formation: [{ processType: 'web', count: 1 }], instances: [web] });
    expect(row).toEqual({ key: 'web.1', kind: 'instance', instance: web });
  });

  it('keep an instance still stopping after its type was scaled down', () => {
    const snapshot: SupervisorSnapshot = {
      formation: [{ processType: 'web', count: 0 }],
      instances: [instance('web.1', { state: 'stopping' })],
    };
    expect(sidebarRows(snapshot).map((r) => r.key)).toEqual(['web.1']);
  });

  it('are empty for an empty formation', () => {
    expect(sidebarRows({ formation: [], instances: [] })).toEqual([]);
  });
});

describe('the type of a row', () => {
  it.each([
    ['web.1', 'web'],
    ['web.12', 'web'],
    ['type:web', 'web'],
    ['my-worker.3', 'my-worker'],
    ['type:my-worker', 'my-worker'],
    ['api_v2.1', 'api_v2'],
  ])('%s is %s', (row, type) => {
    expect(rowType(row)).toBe(type);
  });
});

describe('durations', () => {
  const S = 1000;
  const M = 60 * S;
  const H = 60 * M;
  const D = 24 * H;
  it.each([
    [0, '0s'],
    [999, '0s'],
    [S, '1s'],
    [59 * S, '59s'],
    [59 * S + 999, '59s'],
    [60 * S, '1m'],
    [119 * S, '1m'],
    [3599 * S, '59m'],
    [3600 * S, '1h'],
    [D - 1, '23h'],
    [D, '1d'],
    [45 * D, '45d'],
    [-5 * S, '0s'],
  ])('%i ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('the next change of a duration label', () => {
  const since = 1_700_000_000_000;
  it.each([
    [0, 1000],
    [1, 1000],
    [999, 1000],
    [1000, 2000],
    [59_500, 60_000],
    [60_000, 120_000],
    [61_000, 120_000],
    [3_599_999, 3_600_000],
    [3_600_000, 7_200_000],
    [86_399_999, 86_400_000],
    [86_400_000, 172_800_000],
    [-500, 1000],
  ])('%i ms after the start, it is %i ms after the start', (elapsed, next) => {
    expect(nextDurationChange(since, since + elapsed) - since).toBe(next);
  });

  it('is a time at which the label reads differently than just before it', () => {
    const problems: string[] = [];
    for (const elapsed of [0, 1, 500, 42_000, 59_999, 60_000, 90_000, 3_500_000, 3_600_001, 50_000_000, 86_400_000, 200_000_000]) {
      const at = nextDurationChange(since, since + elapsed);
      const before = formatDuration(at - 1 - since);
      if (at <= since + elapsed) problems.push(`${elapsed}: ${at - since} is not later`);
      if (formatDuration(elapsed) !== before) problems.push(`${elapsed}: the label changes before ${at - since}`);
      if (formatDuration(at - since) === before) problems.push(`${elapsed}: the label does not change at ${at - since}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('how an exit is described', () => {
  it.each<[string, InstanceSnapshot['lastExit'], string]>([
    ['an exit code', { code: 3, signal: null, at: 0 }, 'exit 3'],
    ['a clean exit', { code: 0, signal: null, at: 0 }, 'exit 0'],
    ['a signal, by name', { code: null, signal: 'SIGKILL', at: 0 }, 'SIGKILL'],
    ['a signal even with a code', { code: 137, signal: 'SIGTERM', at: 0 }, 'SIGTERM'],
    ['no exit yet', null, ''],
  ])('%s', (_name, lastExit, text) => {
    expect(describeExit(lastExit)).toBe(text);
  });
});

describe('sidebar lines', () => {
  it('are one per row when nothing needs explaining', () => {
    const rows = sidebarRows({ formation: [{ processType: 'web', count: 2 }, { processType: 'worker', count: 0 }], instances: [instance('web.1'), instance('web.2')] });
    expect(sidebarLines(rows, 40)).toEqual(rows.map((row) => ({ row })));
  });

  it('add a note under a row for a port conflict, then for a crash loop, in that order', () => {
    const web = instance('web.1', { portConflict: '5000 in use by nginx (pid 812)', gaveUp: 'crashed 5 times in 30s' });
    const rows = sidebarRows({ formation: [{ processType: 'web', count: 1 }, { processType: 'clock', count: 1 }], instances: [web, instance('clock.1')] });
    expect(sidebarLines(rows, 40).map((l) => [l.row.key, l.note])).toEqual([
      ['web.1', undefined],
      ['web.1', '5000 in use by nginx (pid 812)'],
      ['web.1', 'crashed 5 times in 30s'],
      ['clock.1', undefined],
    ]);
  });

  it('wrap a note that is wider than the sidebar over several lines, cutting nothing', () => {
    const web = instance('web.1', { gaveUp: 'gave up after 2 restarts in 60s (last: exit code 7)' });
    const rows = sidebarRows({ formation: [{ processType: 'web', count: 1 }], instances: [web] });
    const notes = sidebarLines(rows, 24).flatMap((l) => (l.note ? [l.note] : []));
    expect(notes.every((note) => note.length <= 24 - NOTE_INDENT)).toBe(true);
    expect(notes.join(' ')).toBe('gave up after 2 restarts in 60s (last: exit code 7)');
  });
});

describe('uptime in the sidebar', () => {
  it.each([
    [0, '<1m'],
    [59_999, '<1m'],
    [60_000, '1m'],
    [3_600_000, '1h'],
  ])('%i ms reads %s', (ms, text) => {
    expect(formatUptime(ms)).toBe(text);
  });

  it('changes first after a minute, so a screen of fresh instances does not redraw every second', () => {
    expect(nextUptimeChange(1000, 1500)).toBe(61_000);
    expect(nextUptimeChange(0, 61_000)).toBe(120_000);
  });
});

describe('when a label next changes by itself', () => {
  const NOW = 1_000_000_250;

  it('is the next whole second after an uptime changes: one frame serves every instance', () => {
    // Started 30.5 s ago: "<1m" turns "1m" 29.5 s from now, drawn at the whole second after.
    const at = nextLabelChange([instanceSnapshot('web.1', { startedAt: NOW - 30_500 })], NOW);
    expect(at).toBe(Math.ceil((NOW + 29_500) / 1000) * 1000);
  });

  it('is the very moment a countdown label changes, for a backoff and for a SIGKILL to come', () => {
    // 4.3 s left reads "5s" until 4 s are left: 300 ms from now, not at the next whole second.
    expect(nextLabelChange([instanceSnapshot('web.1', { state: 'backoff', startedAt: null, restartAt: NOW + 4_300 })], NOW)).toBe(NOW + 300);
    expect(nextLabelChange([instanceSnapshot('web.1', { state: 'stopping', startedAt: NOW - 30_500, killAt: NOW + 2_000 })], NOW)).toBe(NOW + 1_000);
  });

  it('is null when nothing counts: stopped, or a countdown that has run out', () => {
    expect(nextLabelChange([instanceSnapshot('web.1', { state: 'stopped', startedAt: null })], NOW)).toBeNull();
    expect(nextLabelChange([instanceSnapshot('web.1', { state: 'stopping', startedAt: null, killAt: NOW - 1 })], NOW)).toBeNull();
    expect(nextLabelChange([], NOW)).toBeNull();
  });
});
