import type { SupervisorEvent } from '../../engine/index.js';

export type MarkKind = 'start' | 'exit' | 'crash' | 'stop' | 'restart' | 'autoRestart' | 'gaveUp' | 'kill' | 'scaleUp' | 'scaleDown' | 'portInUse';

/** A mark's glyph and its words in the legend, by kind. */
export const MARKS: Record<MarkKind, { glyph: string; label: string; color: string }> = {
  start: { glyph: '▸', label: 'start', color: 'green' },
  exit: { glyph: '○', label: 'clean exit', color: 'gray' },
  crash: { glyph: '✖', label: 'crash', color: 'red' },
  stop: { glyph: '■', label: 'stopped', color: 'gray' },
  restart: { glyph: 'R', label: 'restart (by hand)', color: 'cyan' },
  autoRestart: { glyph: '↻', label: 'restart scheduled', color: 'yellow' },
  gaveUp: { glyph: '⊘', label: 'gave up', color: 'red' },
  kill: { glyph: 'K', label: 'killed after timeout', color: 'magenta' },
  scaleUp: { glyph: '+', label: 'scaled up', color: 'cyan' },
  scaleDown: { glyph: '-', label: 'scaled down', color: 'cyan' },
  portInUse: { glyph: '!', label: 'port in use', color: 'red' },
};

/** Which mark keeps a cell two marks want. */
const PRIORITY: Record<MarkKind, number> = {
  crash: 5, gaveUp: 5, kill: 4, portInUse: 4, exit: 3, stop: 3, start: 2, restart: 1, autoRestart: 1, scaleUp: 0, scaleDown: 0,
};

export interface TimelineMark {
  kind: MarkKind;
  at: number;
  event: SupervisorEvent;
}

export interface Lane {
  id: string;
  /** Oldest first. */
  marks: TimelineMark[];
  /** Periods the instance ran: from a start to its exit (`to` null while it runs). */
  runs: Array<{ from: number; to: number | null }>;
}

function markKind(event: SupervisorEvent): MarkKind | null {
  switch (event.type) {
    case 'spawned':
      return 'start';
    case 'exited':
      return event.state === 'stopped' ? 'stop' : event.state === 'crashed' ? 'crash' : 'exit';
    case 'restartRequested':
      return 'restart';
    case 'restartScheduled':
      return 'autoRestart';
    case 'gaveUp':
      return 'gaveUp';
    case 'killedAfterTimeout':
      return 'kill';
    case 'portInUse':
      return 'portInUse';
    case 'spawnFailed':
      return 'crash';
    default:
      return null;
  }
}

/**
 * One lane per instance that ever ran, in Procfile order (`typeOrder`), each
 * with its marks and running periods. A scaling shows on the lanes of the
 * instances it added or removed.
 */
export function buildLanes(events: readonly SupervisorEvent[], typeOrder: readonly string[]): Lane[] {
  const lanes = new Map<string, Lane>();
  /** Each lane's type and number, from the events themselves: ids are not parsed. */
  const places = new Map<string, { type: string; number: number }>();
  const lane = (id: string, type: string, number: number) => {
    let found = lanes.get(id);
    if (!found) {
      lanes.set(id, (found = { id, marks: [], runs: [] }));
      places.set(id, { type, number });
    }
    return found;
  };
  for (const event of events) {
    if (event.type === 'scaled') {
      const up = event.to > event.from;
      for (let n = Math.min(event.from, event.to) + 1; n <= Math.max(event.from, event.to); n++) {
        lane(`${event.processType}.${n}`, event.processType, n).marks.push({ kind: up ? 'scaleUp' : 'scaleDown', at: event.at, event });
      }
      continue;
    }
    const kind = markKind(event);
    if (!kind || !('id' in event)) continue;
    const target = lane(event.id, event.processType, event.number);
    target.marks.push({ kind, at: event.at, event });
    if (event.type === 'spawned') target.runs.push({ from: event.at, to: null });
    if (event.type === 'exited') {
      const open = target.runs.at(-1);
      if (open && open.to === null) open.to = event.at;
    }
  }
  const order = (id: string) => typeOrder.indexOf(places.get(id)?.type ?? '');
  const number = (id: string) => places.get(id)?.number ?? 0;
  return [...lanes.values()].sort((a, b) => order(a.id) - order(b.id) || number(a.id) - number(b.id));
}

/** The span of time on screen: all of it at zoom 0, half per zoom step, kept around `focus`. */
export function timeWindow(start: number, now: number, zoom: number, focus: number | null): { from: number; to: number } {
  const full = Math.max(1000, now - start);
  const span = full / 2 ** zoom;
  if (zoom === 0 || focus === null) return { from: now - span, to: now };
  const to = Math.min(now, Math.max(start + span, focus + span / 2));
  return { from: to - span, to };
}

/** The column of time `at` in a row `width` wide showing `window`; null when outside it. */
export function columnOf(at: number, window: { from: number; to: number }, width: number): number | null {
  if (at < window.from || at > window.to || width <= 0) return null;
  return Math.min(width - 1, Math.floor(((at - window.from) / (window.to - window.from)) * width));
}

/**
 * A lane as one row of `width` cells: `━` while it ran, `·` otherwise, marks
 * on top (when two fall in one cell, the later wins); `selected` is the index
 * of the mark to show as chosen, whose cell is returned.
 */
export function laneCells(lane: Lane, window: { from: number; to: number }, width: number, now: number): Array<{ char: string; mark: TimelineMark | null }> {
  const cells: Array<{ char: string; mark: TimelineMark | null }> = Array.from({ length: width }, () => ({ char: '·', mark: null }));
  for (const run of lane.runs) {
    const from = Math.max(run.from, window.from);
    const to = Math.min(run.to ?? now, window.to);
    if (to < from) continue;
    const a = columnOf(from, window, width) ?? 0;
    const b = columnOf(to, window, width) ?? width - 1;
    for (let x = a; x <= b; x++) (cells[x] as { char: string }).char = '━';
  }
  for (const mark of lane.marks) {
    const x = columnOf(mark.at, window, width);
    if (x === null) continue;
    // Marks close in time (a crash and its scheduled restart) sit side by side, in order: a mark
    // goes to the first free cell after the marks already at its time. At the right edge (the
    // newest events) those marks step left instead, if the cell before them is free.
    let at = x;
    while (at < width && cells[at]?.mark) at += 1;
    if (at === width) {
      let left = x;
      while (left > 0 && cells[left - 1]?.mark) left -= 1;
      if (left > 0) {
        for (let shift = left - 1; shift < width - 1; shift++) cells[shift] = cells[shift + 1] as { char: string; mark: TimelineMark | null };
        at = width - 1;
      } else {
        // No room at all: the mark that matters more keeps the last cell.
        const taken = cells[width - 1]?.mark;
        if (taken && PRIORITY[mark.kind] < PRIORITY[taken.kind]) continue;
        at = width - 1;
      }
    }
    cells[at] = { char: MARKS[mark.kind].glyph, mark };
  }
  return cells;
}
