import type { StatusResult } from '../control/index.js';
import { describeExit, formatDuration } from '../ui/sidebar-rows.js';
import { STATE_GLYPHS } from '../ui/theme.js';

/**
 * `tfui status` as a person reads it: a row per instance with the sidebar's
 * glyph and state, pid, PORT, uptime, restarts and the last exit, and under
 * a row what went wrong (a taken port, a crash loop's verdict).
 */
export function formatStatus(status: StatusResult, now: number): string {
  const header = ['INSTANCE', 'STATE', 'PID', 'PORT', 'UPTIME', 'RESTARTS', 'LAST EXIT'];
  const rows: string[][] = [];
  const notes = new Map<number, string[]>();
  for (const type of status.formation) {
    const instances = status.instances.filter((i) => i.processType === type.processType);
    if (instances.length === 0) rows.push([type.processType, 'scaled to 0', '', '', '', '', '']);
    for (const i of instances) {
      const ago = i.lastExit ? ` (${formatDuration(now - i.lastExit.at)} ago)` : '';
      rows.push([i.id, `${STATE_GLYPHS[i.state].glyph} ${i.state}`, i.pid === null ? '-' : String(i.pid), String(i.port), i.uptimeMs === null ? '-' : formatDuration(i.uptimeMs), String(i.restarts), i.lastExit ? `${describeExit(i.lastExit)}${ago}` : '']);
      const said = [i.portConflict ? `PORT ${i.portConflict}` : null, i.gaveUp].filter((n): n is string => n !== null);
      if (said.length > 0) notes.set(rows.length - 1, said);
    }
  }
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => [...(r[c] ?? '')].length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell + ' '.repeat((widths[c] ?? 0) - [...cell].length)).join('  ').trimEnd();
  const out = [`tfui pid ${status.pid} · ${status.procfile}${status.quitting ? ` · stopping (${status.quitting})` : ''}`, line(header)];
  rows.forEach((row, index) => {
    out.push(line(row));
    for (const note of notes.get(index) ?? []) out.push(`  ! ${note}`);
  });
  return `${out.join('\n')}\n`;
}
