import { describe, expect, it } from 'vitest';
import type { SupervisorEvent } from '../../src/engine/index.js';
import { describeMark, formatRunLength } from '../../src/ui/timeline/mark-details.js';
import { buildLanes, columnOf, laneCells, MARKS, timeWindow, type Lane, type MarkKind, type TimelineMark } from '../../src/ui/timeline/timeline-model.js';

const T0 = 1_700_000_000_000;
const at = (seconds: number) => T0 + seconds * 1000;

/** An event's instance fields, as the engine gives them. */
const ref = (id: string) => ({ id, processType: id.slice(0, id.lastIndexOf('.')), number: Number(id.slice(id.lastIndexOf('.') + 1)) });

const spawned = (id: string, s: number, pid = 100): SupervisorEvent => ({ type: 'spawned', ...ref(id), at: at(s), pid, port: 5000 });
const exited = (id: string, s: number, state: 'exited' | 'crashed' | 'stopped', extra: Partial<Extract<SupervisorEvent, { type: 'exited' }>> = {}): SupervisorEvent => ({
  type: 'exited',
  ...ref(id),
  at: at(s),
  code: state === 'exited' ? 0 : state === 'crashed' ? 1 : null,
  signal: state === 'stopped' ? 'SIGTERM' : null,
  state,
  ranMs: 1000,
  survivors: [],
  unverified: null,
  lastLines: [],
  stoppedBy: state === 'stopped' ? 'screen' : null,
  ...extra,
});

const kinds = (lane: Lane | undefined) => lane?.marks.map((m) => m.kind);
const row = (cells: Array<{ char: string }>) => cells.map((c) => c.char).join('');

describe('buildLanes: one lane per instance from the event log', () => {
  it('orders lanes by the Procfile order of types, then by instance number', () => {
    const events = [spawned('worker.1', 0), spawned('web.10', 0), spawned('web.2', 0), spawned('clock.1', 0), spawned('web.1', 0)];
    expect(buildLanes(events, ['web', 'worker', 'clock']).map((l) => l.id)).toEqual(['web.1', 'web.2', 'web.10', 'worker.1', 'clock.1']);
    expect(buildLanes(events, ['clock', 'worker', 'web']).map((l) => l.id)).toEqual(['clock.1', 'worker.1', 'web.1', 'web.2', 'web.10']);
  });

  it('keeps a type whose name has dots apart from its instance number', () => {
    const events = [spawned('api.v2.2', 0), spawned('api.v2.1', 0), spawned('web.1', 0)];
    expect(buildLanes(events, ['web', 'api.v2']).map((l) => l.id)).toEqual(['web.1', 'api.v2.1', 'api.v2.2']);
  });

  it('makes a run from each spawn to its exit, and leaves the last one open while it runs', () => {
    const [lane] = buildLanes([spawned('web.1', 0), exited('web.1', 2, 'crashed'), spawned('web.1', 3), exited('web.1', 5, 'stopped'), spawned('web.1', 6)], ['web']);
    expect(lane?.runs).toEqual([
      { from: at(0), to: at(2) },
      { from: at(3), to: at(5) },
      { from: at(6), to: null },
    ]);
  });

  it('maps an exit to a stop, a crash or a clean exit mark by its state', () => {
    const [lane] = buildLanes([spawned('web.1', 0), exited('web.1', 1, 'stopped'), spawned('web.1', 2), exited('web.1', 3, 'crashed'), spawned('web.1', 4), exited('web.1', 5, 'exited')], ['web']);
    expect(kinds(lane)).toEqual(['start', 'stop', 'start', 'crash', 'start', 'exit']);
    expect(lane?.marks.map((m) => m.at)).toEqual([0, 1, 2, 3, 4, 5].map(at));
  });

  it('marks a scaling up on the lanes of the instances it added, and down on those it removed', () => {
    const events: SupervisorEvent[] = [
      spawned('web.1', 0),
      { type: 'scaled', processType: 'web', at: at(1), from: 1, to: 3, origin: 'screen' },
      spawned('web.2', 1),
      spawned('web.3', 1),
      { type: 'scaled', processType: 'web', at: at(5), from: 3, to: 2, origin: 'screen' },
      exited('web.3', 6, 'stopped'),
      { type: 'removed', ...ref('web.3'), at: at(6) },
    ];
    const lanes = buildLanes(events, ['web']);
    expect(lanes.map((l) => [l.id, kinds(l)])).toEqual([
      ['web.1', ['start']],
      ['web.2', ['scaleUp', 'start']],
      ['web.3', ['scaleUp', 'start', 'scaleDown', 'stop']],
    ]);
    expect(lanes[2]?.marks[2]).toMatchObject({ kind: 'scaleDown', at: at(5) });
  });

  it('gives a lane to an instance scaled up that has not started yet', () => {
    const lanes = buildLanes([spawned('web.1', 0), { type: 'scaled', processType: 'web', at: at(1), from: 1, to: 2, origin: 'screen' }], ['web']);
    expect(lanes.map((l) => [l.id, kinds(l), l.runs.length])).toEqual([
      ['web.1', ['start'], 1],
      ['web.2', ['scaleUp'], 0],
    ]);
  });

  it('marks automatic restarts, give-ups, kills after the timeout, port conflicts and restarts by hand', () => {
    const events: SupervisorEvent[] = [
      { type: 'portInUse', ...ref('web.1'), at: at(0), port: 5000, message: '5000 in use by nginx (pid 812)' },
      spawned('web.1', 0),
      exited('web.1', 1, 'crashed'),
      { type: 'restartScheduled', ...ref('web.1'), at: at(1), delayMs: 1000, attempt: 1, policy: 'on-failure' },
      spawned('web.1', 2),
      exited('web.1', 3, 'crashed'),
      { type: 'gaveUp', ...ref('web.1'), at: at(3), reason: 'gave up after 1 restarts in 60s (last: exit code 1)' },
      { type: 'restartRequested', ...ref('web.1'), at: at(4), origin: 'screen' },
      spawned('web.1', 4),
      { type: 'stopRequested', ...ref('web.1'), at: at(5), reason: 'user', origin: 'screen' },
      { type: 'killedAfterTimeout', ...ref('web.1'), at: at(6), pids: [101] },
      exited('web.1', 6, 'stopped', { signal: 'SIGKILL' }),
      { type: 'spawnFailed', ...ref('web.1'), at: at(7), message: 'cwd vanished' },
    ];
    const [lane] = buildLanes(events, ['web']);
    expect(kinds(lane)).toEqual(['portInUse', 'start', 'crash', 'autoRestart', 'start', 'crash', 'gaveUp', 'restart', 'start', 'kill', 'stop', 'crash']);
    expect(lane?.marks.every((m) => events.includes(m.event))).toBe(true);
  });

  it('adds no mark for a stop request or a removal, and no lane for an event that names no instance', () => {
    const lanes = buildLanes([spawned('web.1', 0), { type: 'stopRequested', ...ref('web.1'), at: at(1), reason: 'scale', origin: 'screen' }, { type: 'removed', ...ref('web.1'), at: at(2) }], ['web']);
    expect(lanes.map((l) => [l.id, kinds(l)])).toEqual([['web.1', ['start']]]);
    expect(buildLanes([], ['web'])).toEqual([]);
  });
});

describe('timeWindow: the span of time on screen', () => {
  const start = at(0);
  const now = at(100);

  it('shows everything from the start to now at zoom 0, whatever the focus', () => {
    expect(timeWindow(start, now, 0, null)).toEqual({ from: start, to: now });
    expect(timeWindow(start, now, 0, at(10))).toEqual({ from: start, to: now });
  });

  it('shows at least one second, even right after the start', () => {
    expect(timeWindow(start, start + 200, 0, null)).toEqual({ from: start + 200 - 1000, to: start + 200 });
  });

  it('halves the span with each zoom step and keeps the focus inside it', () => {
    const table: Array<[number, number, { from: number; to: number }]> = [
      // zoom, focus (s), window
      [1, 50, { from: at(25), to: at(75) }],
      [2, 50, { from: at(37.5), to: at(62.5) }],
      [3, 50, { from: at(43.75), to: at(56.25) }],
      [1, 10, { from: at(0), to: at(50) }],
      [1, 0, { from: at(0), to: at(50) }],
      [1, 95, { from: at(50), to: at(100) }],
      [2, 100, { from: at(75), to: at(100) }],
    ];
    for (const [zoom, focus, window] of table) {
      const got = timeWindow(start, now, zoom, at(focus));
      expect(got, `zoom ${zoom}, focus ${focus}s`).toEqual(window);
      expect(got.to - got.from).toBe((now - start) / 2 ** zoom);
      expect(got.from).toBeLessThanOrEqual(at(focus));
      expect(got.to).toBeGreaterThanOrEqual(at(focus));
    }
  });

  it('never shows time past now, and follows now without a focus', () => {
    for (const zoom of [1, 2, 5]) {
      for (const focus of [null, at(0), at(50), at(99), at(100)]) {
        expect(timeWindow(start, now, zoom, focus).to, `zoom ${zoom}, focus ${focus}`).toBeLessThanOrEqual(now);
      }
      expect(timeWindow(start, now, zoom, null).to).toBe(now);
    }
  });
});

describe('columnOf: where a time falls in a row', () => {
  const window = { from: at(0), to: at(10) };
  const table: Array<[number, number | null]> = [
    [at(0), 0],
    [at(0.999), 0],
    [at(1), 1],
    [at(5), 5],
    [at(9.999), 9],
    [at(10), 9],
    [at(-0.001), null],
    [at(10.001), null],
  ];
  it.each(table)('%d → %s', (time, column) => {
    expect(columnOf(time, window, 10)).toBe(column);
  });

  it('is null for a row with no width', () => {
    expect(columnOf(at(5), window, 0)).toBeNull();
  });
});

describe('laneCells: a lane as one row of cells', () => {
  const window = { from: at(0), to: at(10) };
  const now = at(10);
  const mark = (kind: MarkKind, s: number): TimelineMark => ({ kind, at: at(s), event: { type: 'restartRequested', ...ref('web.1'), at: at(s), origin: 'screen' } });

  it('draws runs as ━ and idle time as ·', () => {
    const lane: Lane = { ...ref('web.1'), marks: [], runs: [{ from: at(2), to: at(4) }, { from: at(7), to: null }] };
    expect(row(laneCells(lane, window, 10, now))).toBe('··━━━··━━━');
  });

  it('clips runs to the window', () => {
    const lane: Lane = { ...ref('web.1'), marks: [], runs: [{ from: at(-20), to: at(-15) }, { from: at(-5), to: at(1) }, { from: at(8), to: at(30) }] };
    expect(row(laneCells(lane, window, 10, at(30)))).toBe('━━······━━');
  });

  it('puts a mark\'s glyph at its column, over the run', () => {
    const lane: Lane = { ...ref('web.1'), marks: [mark('start', 2), mark('crash', 6)], runs: [{ from: at(2), to: at(6) }] };
    const cells = laneCells(lane, window, 10, now);
    expect(row(cells)).toBe(`··${MARKS.start.glyph}━━━${MARKS.crash.glyph}···`);
    expect(cells[2]?.mark?.kind).toBe('start');
    expect(cells[6]?.mark?.kind).toBe('crash');
    expect(cells.filter((c) => c.mark).length).toBe(2);
  });

  it('sets two marks close in time side by side', () => {
    const lane: Lane = { ...ref('web.1'), marks: [mark('crash', 4.1), mark('autoRestart', 4.2)], runs: [] };
    const cells = laneCells(lane, window, 10, now);
    expect(row(cells)).toBe(`····${MARKS.crash.glyph}${MARKS.autoRestart.glyph}····`);
    expect(cells.map((c) => c.mark?.kind ?? null).slice(4, 6)).toEqual(['crash', 'autoRestart']);
  });

  it('at the right edge, moves the earlier mark one cell left so both show, in order', () => {
    const lane: Lane = { ...ref('web.1'), marks: [mark('crash', 9.9), mark('autoRestart', 10)], runs: [] };
    const cells = laneCells(lane, window, 10, now);
    expect(cells[8]).toMatchObject({ char: MARKS.crash.glyph, mark: { kind: 'crash' } });
    expect(cells[9]).toMatchObject({ char: MARKS.autoRestart.glyph, mark: { kind: 'autoRestart' } });
  });

  it('a start, its crash and the give-up in the last cell all show, in order, while there is room to the left', () => {
    const lane: Lane = { ...ref('web.1'), marks: [mark('start', 9.95), mark('crash', 9.97), mark('gaveUp', 10)], runs: [] };
    expect(row(laneCells(lane, window, 10, now))).toBe(`·······${MARKS.start.glyph}${MARKS.crash.glyph}${MARKS.gaveUp.glyph}`);
  });

  it('keeps the crash in the cell over its scheduled restart when there is no room at all', () => {
    const lane: Lane = { ...ref('web.1'), marks: Array.from({ length: 10 }, (_, i) => mark('start', i)).concat([mark('crash', 9.9), mark('autoRestart', 10)]), runs: [] };
    const cells = laneCells(lane, window, 10, now);
    expect(cells[9]).toMatchObject({ char: MARKS.crash.glyph, mark: { kind: 'crash' } });
  });

  it('lets a crash take the cell of an earlier restart when there is no room at all', () => {
    const lane: Lane = { ...ref('web.1'), marks: Array.from({ length: 10 }, (_, i) => mark('start', i)).concat([mark('autoRestart', 9.9), mark('crash', 10)]), runs: [] };
    expect(laneCells(lane, window, 10, now)[9]).toMatchObject({ char: MARKS.crash.glyph, mark: { kind: 'crash' } });
  });

  it('leaves out marks outside the window', () => {
    const lane: Lane = { ...ref('web.1'), marks: [mark('start', -1), mark('crash', 11)], runs: [] };
    expect(row(laneCells(lane, window, 10, now))).toBe('··········');
  });

  it('gives every mark kind its own glyph', () => {
    const glyphs = Object.values(MARKS).map((m) => m.glyph);
    expect(new Set(glyphs).size).toBe(glyphs.length);
    expect(glyphs.every((g) => g !== '━' && g !== '·')).toBe(true);
  });
});

describe('describeMark and formatRunLength: a mark in words', () => {
  const laneId = 'web.1';
  const markOf = (kind: MarkKind, event: SupervisorEvent): TimelineMark => ({ kind, at: event.at, event });

  it('formats run lengths', () => {
    const table: Array<[number, string]> = [
      [0, '0.0s'],
      [300, '0.3s'],
      [2300, '2.3s'],
      [9900, '9.9s'],
      [12_400, '12s'],
      [59_000, '59s'],
      [60_000, '1m 0s'],
      [250_000, '4m 10s'],
      [3_599_000, '59m 59s'],
      [3_600_000, '1h 0m'],
      [3_720_000, '1h 2m'],
      [90_000_000, '25h 0m'],
    ];
    for (const [ms, text] of table) expect(formatRunLength(ms), `${ms} ms`).toBe(text);
  });

  it('never shows a run just under a minute as "60s", or just under ten seconds as "10.0s"', () => {
    // Rounding must not carry a length into the next unit's form.
    expect(formatRunLength(59_600)).toBe('1m 0s');
    expect(formatRunLength(9_960)).toBe('10s');
  });

  it('tells an exit code from a signal, how long it ran, and passes the last lines through', () => {
    const crash = exited(laneId, 2.5, 'crashed', { code: 7, ranMs: 2300, lastLines: ['booting', 'dying words'] });
    const described = describeMark(laneId, markOf('crash', crash));
    expect(described.headline).toMatch(/^web\.1 · crash · \d\d:\d\d:\d\d\.500$/);
    expect(described.facts).toEqual(['exit code 7', 'ran 2.3s']);
    expect(described.lastLines).toEqual(['booting', 'dying words']);

    const killed = exited(laneId, 3, 'crashed', { code: null, signal: 'SIGKILL', ranMs: 250_000 });
    expect(describeMark(laneId, markOf('crash', killed)).facts).toEqual(['killed by SIGKILL', 'ran 4m 10s']);
  });

  it('names the processes that could not be killed', () => {
    const stuck = exited(laneId, 3, 'stopped', { survivors: [41, 42] });
    expect(describeMark(laneId, markOf('stop', stuck)).facts).toEqual(['killed by SIGTERM', 'ran 1.0s', 'could not kill pids 41, 42']);
  });

  it('says what could not be verified of a stop', () => {
    const blind = exited(laneId, 3, 'stopped', { unverified: 'cannot list processes (ps failed)' });
    expect(describeMark(laneId, markOf('stop', blind)).facts).toEqual(['killed by SIGTERM', 'ran 1.0s', 'not verified: cannot list processes (ps failed)']);
  });

  it('gives the facts of a scheduled restart, a give-up and a port conflict', () => {
    const scheduled: SupervisorEvent = { type: 'restartScheduled', ...ref(laneId), at: at(1), delayMs: 4000, attempt: 3, policy: 'on-failure' };
    expect(describeMark(laneId, markOf('autoRestart', scheduled))).toMatchObject({
      headline: expect.stringMatching(/^web\.1 · restart scheduled · /),
      facts: ['policy on-failure', 'attempt 3', 'after a backoff of 4.0s'],
      lastLines: [],
    });
    const reason = 'gave up after 3 restarts in 60s (last: exit code 7)';
    expect(describeMark(laneId, markOf('gaveUp', { type: 'gaveUp', ...ref(laneId), at: at(2), reason })).facts).toEqual([reason]);
    const port: SupervisorEvent = { type: 'portInUse', ...ref(laneId), at: at(0), port: 5000, message: '5000 in use by nginx (pid 812)' };
    expect(describeMark(laneId, markOf('portInUse', port)).facts).toEqual(['PORT 5000 in use by nginx (pid 812)']);
    expect(describeMark(laneId, markOf('kill', { type: 'killedAfterTimeout', ...ref(laneId), at: at(3), pids: [7, 8] })).facts).toEqual(['SIGKILL to pids 7, 8 after the stop timeout']);
    expect(describeMark(laneId, markOf('restart', { type: 'restartRequested', ...ref(laneId), at: at(4), origin: 'screen' })).facts).toEqual(['restarted by hand']);
    expect(describeMark('web.2', markOf('scaleUp', { type: 'scaled', processType: 'web', at: at(5), from: 1, to: 2, origin: 'screen' })).facts).toEqual(['web: 1 → 2 instances']);
    expect(describeMark(laneId, markOf('start', spawned(laneId, 6, 4242))).facts).toEqual(['pid 4242', 'PORT 5000']);
  });
});

describe('marks at the right edge', () => {
  it('a crash and the give-up at the newest moment both show, in their order', () => {
    const t0 = 1_000_000;
    const now = t0 + 10_000;
    const events: SupervisorEvent[] = [
      { type: 'spawned', ...ref('w.1'), at: t0, pid: 1, port: 5000 },
      { type: 'exited', ...ref('w.1'), at: now, code: 7, signal: null, state: 'crashed', ranMs: 10_000, survivors: [], unverified: null, lastLines: [], stoppedBy: null },
      { type: 'gaveUp', ...ref('w.1'), at: now, reason: 'gave up' },
    ];
    const [lane] = buildLanes(events, ['w']);
    const cells = laneCells(lane as Lane, { from: t0, to: now }, 20, now).map((c) => c.char).join('');
    expect(cells.endsWith('✖⊘')).toBe(true);
  });
});

describe('marks close together in the middle of a lane', () => {
  it('a restart by hand, its stop and the new start keep their order', () => {
    const t0 = 1_000_000;
    const now = t0 + 20_000;
    const events: SupervisorEvent[] = [
      { type: 'spawned', ...ref('c.1'), at: t0, pid: 1, port: 5000 },
      { type: 'restartRequested', ...ref('c.1'), at: t0 + 10_000, origin: 'screen' },
      { type: 'exited', ...ref('c.1'), at: t0 + 10_001, code: null, signal: 'SIGTERM', state: 'stopped', ranMs: 10_001, survivors: [], unverified: null, lastLines: [], stoppedBy: null },
      { type: 'spawned', ...ref('c.1'), at: t0 + 10_002, pid: 2, port: 5000 },
    ];
    const [lane] = buildLanes(events, ['c']);
    const cells = laneCells(lane as Lane, { from: t0, to: now }, 20, now).map((c) => c.char).join('');
    expect(cells).toContain(`${MARKS.restart.glyph}${MARKS.stop.glyph}${MARKS.start.glyph}`);
  });
});

