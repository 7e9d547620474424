import type { InstanceSnapshot, SupervisorSnapshot } from '../engine/index.js';

export type SidebarRow =
  | { key: string; kind: 'instance'; instance: InstanceSnapshot }
  | { key: string; kind: 'type'; processType: string };

/** One row per instance, in Procfile order; a type scaled to 0 keeps a row of its own. */
export function sidebarRows(snapshot: SupervisorSnapshot): SidebarRow[] {
  return snapshot.formation.flatMap(({ processType }): SidebarRow[] => {
    const instances = snapshot.instances.filter((i) => i.processType === processType);
    if (instances.length === 0) return [{ key: `type:${processType}`, kind: 'type' as const, processType }];
    return instances.map((instance) => ({ key: instance.id, kind: 'instance' as const, instance }));
  });
}

/** The process type a row belongs to. */
export function rowType(row: string): string {
  return row.startsWith('type:') ? row.slice(5) : row.slice(0, row.lastIndexOf('.'));
}

/** `12s`, `4m`, `3h`, `2d`: an uptime short enough for the sidebar. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

/** When `formatDuration(now - since)` will next read differently (epoch ms). */
export function nextDurationChange(since: number, now: number): number {
  const elapsed = Math.max(0, now - since);
  const unit = elapsed < 60_000 ? 1000 : elapsed < 3_600_000 ? 60_000 : elapsed < 86_400_000 ? 3_600_000 : 86_400_000;
  return since + (Math.floor(elapsed / unit) + 1) * unit;
}

/**
 * The sidebar's uptime: `<1m` in the first minute, then `4m`, `3h`, `2d`.
 * Minutes are enough to read at a glance, and the screen then redraws for
 * uptimes once a minute, not once a second (0% CPU while nothing happens).
 */
export function formatUptime(ms: number): string {
  return ms < 60_000 ? '<1m' : formatDuration(ms);
}

/** When `formatUptime(now - since)` will next read differently (epoch ms). */
export function nextUptimeChange(since: number, now: number): number {
  return now - since < 60_000 ? since + 60_000 : nextDurationChange(since, now);
}

/**
 * When a sidebar label next changes on its own (epoch ms), or null: uptimes
 * of running instances (the changes of many instances share one frame per
 * whole second), and the countdowns of a backoff and of a stop's SIGKILL,
 * which are watched while they run and get a frame the moment they change.
 */
export function nextLabelChange(instances: readonly InstanceSnapshot[], now: number): number | null {
  const uptimes = instances.filter((i) => i.state === 'running' && i.startedAt !== null).map((i) => nextUptimeChange(i.startedAt as number, now));
  const countdowns = instances.flatMap((i) => [i.restartAt, i.killAt].flatMap((at) => (at !== null && at > now ? [now + ((at - now) % 1000 || 1000)] : [])));
  const uptime = Math.min(...uptimes);
  const next = Math.min(Number.isFinite(uptime) ? Math.ceil(uptime / 1000) * 1000 : Infinity, ...countdowns);
  return Number.isFinite(next) ? next : null;
}

/** Whole seconds left until `at`, rounded up as a countdown reads: `5s` with 4.2 s to go. */
export function timeLeft(at: number, now: number): string {
  return formatDuration(Math.max(0, at - now) + 999);
}

/** A stop waiting for its process to go: `kill 4s` (SIGKILL in 4 s), then `killing` once it is sent. */
export function killCountdown(killAt: number, now: number): string {
  return killAt > now ? `kill ${timeLeft(killAt, now)}` : 'killing';
}

/** How an instance's last run ended, in a few characters: `exit 3`, `SIGKILL`. */
export function describeExit(lastExit: InstanceSnapshot['lastExit']): string {
  if (!lastExit) return '';
  return lastExit.signal ?? `exit ${lastExit.code}`;
}

/** A line of the sidebar: an instance's (or type's) row, or a note under it in words. */
export interface SidebarLine {
  row: SidebarRow;
  /** Set on the line under a row: why it gave up, or who holds its port. */
  note?: string;
}

/** Indent of a note under its row. */
export const NOTE_INDENT = 3;

/**
 * The sidebar's lines: each row, then the words of a port conflict or a
 * crash loop's verdict, wrapped to the sidebar's `width` so nothing is cut.
 */
export function sidebarLines(rows: readonly SidebarRow[], width: number): SidebarLine[] {
  return rows.flatMap((row): SidebarLine[] => {
    if (row.kind !== 'instance') return [{ row }];
    const notes = [row.instance.portConflict, row.instance.gaveUp].filter((note): note is string => note !== null);
    return [{ row }, ...notes.flatMap((note) => wrapWords(note, Math.max(8, width - NOTE_INDENT)).map((line) => ({ row, note: line })))];
  });
}

/** Words into lines of at most `width` characters (a longer word is cut into pieces). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    for (let piece = word; piece !== ''; piece = piece.slice(width)) {
      const part = piece.slice(0, width);
      if (line === '') line = part;
      else if (line.length + 1 + part.length <= width) line += ` ${part}`;
      else {
        lines.push(line);
        line = part;
      }
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
