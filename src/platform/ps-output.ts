import type { ListeningPort, ProcessField, ProcessInfo } from './types.js';

/**
 * Pure readers of what `ps` and `lsof` print, as procps (Linux) and the BSDs
 * (macOS) print it. Kept apart from the spawning so each form can be tested
 * from the manuals' examples on any machine.
 */

/** The extra columns, in the order `psListArgs` asks for them: wchan last, where procps does not cut it to 6 letters. */
const FIELD_ORDER: readonly ProcessField[] = ['cpu', 'rss', 'wchan'];
const COLUMN: Record<ProcessField, string> = { wchan: 'wchan=', cpu: 'time=', rss: 'rss=' };

/** `ps -A -o pid=,ppid=,pgid=,stat=[,wchan=,time=,rss=]`: the same keywords in procps and BSD ps; `=` drops the header. */
export function psListArgs(fields: readonly ProcessField[] = []): string[] {
  const extra = FIELD_ORDER.filter((field) => fields.includes(field)).map((field) => COLUMN[field]);
  return ['-A', '-o', ['pid=', 'ppid=', 'pgid=', 'stat=', ...extra].join(',')];
}

/** Living processes from `psListArgs(fields)` output; zombies (Z) and dead entries (X) are left out. */
export function parsePsList(text: string, fields: readonly ProcessField[] = []): ProcessInfo[] {
  const extra = FIELD_ORDER.filter((field) => fields.includes(field));
  const list: ProcessInfo[] = [];
  for (const line of text.split('\n')) {
    const columns = line.trim().split(/\s+/);
    const [pid, ppid, pgid] = columns.slice(0, 3).map(Number) as [number, number, number];
    if (columns.length < 4 + extra.length || ![pid, ppid, pgid].every(Number.isInteger)) continue;
    const state = (columns[3] as string).charAt(0);
    if (state === 'Z' || state === 'X') continue;
    const info: ProcessInfo = { pid, ppid, pgid, state };
    extra.forEach((field, i) => {
      const value = columns[4 + i] as string;
      if (field === 'wchan') info.wchan = value === '-' || value === '0' ? '' : value;
      if (field === 'cpu') info.cpuMs = parseCpuTime(value);
      if (field === 'rss') info.rssKb = Number(value) || 0;
    });
    list.push(info);
  }
  return list;
}

/** CPU time as ps prints it, in ms: procps `[DD-]HH:MM:SS`, BSD `MM:SS.cc`; NaN for anything else. */
export function parseCpuTime(text: string): number {
  const match = /^(?:(\d+)-)?(?:(\d+):)?(\d+):(\d+(?:\.\d+)?)$/.exec(text);
  if (!match) return Number.NaN;
  const [, days = '0', hours = '0', minutes = '0', seconds = '0'] = match;
  return Math.round((((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000);
}

/**
 * How this OS's ps shows each process's environment after its command line,
 * or null where it has no such view: procps's BSD-style `e`, macOS's `-E`,
 * FreeBSD's and OpenBSD's `-e` (which on the others means "all processes").
 */
export function psEnvironmentArgs(os: NodeJS.Platform): string[] | null {
  const columns = ['-o', 'pid=,command='];
  if (os === 'linux') return ['-A', 'eww', ...columns];
  if (os === 'darwin') return ['-A', '-E', '-ww', ...columns];
  if (os === 'freebsd' || os === 'openbsd' || os === 'netbsd') return ['-A', '-e', '-ww', ...columns];
  return null;
}

/**
 * Pids whose line in `psEnvironmentArgs` output carries `assignment`
 * (`NAME=value`) as a whole word. Command words and environment run together
 * there; the value is unique per run, so a command line that names it is
 * the only false match, and a harmless one (it was ours to stop anyway).
 */
export function carriersIn(text: string, assignment: string): Set<number> {
  const found = new Set<number>();
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/);
    const pid = Number(words[0]);
    if (Number.isInteger(pid) && words.indexOf(assignment, 1) > 0) found.add(pid);
  }
  return found;
}

/** `lsof -nP -iTCP -sTCP:LISTEN -F pcn` (+c0: whole command names). */
export const LSOF_LISTENING_ARGS = ['+c0', '-nP', '-iTCP', '-sTCP:LISTEN', '-F', 'pcn'];

/**
 * Listening ports from lsof's field output: a `p` line starts a process,
 * `c` names it, each `n` line is one socket (`*:5000`, `127.0.0.1:5000`,
 * `[::1]:5000`). A port held twice (IPv4 and IPv6) is listed once.
 */
export function parseLsofListening(text: string): ListeningPort[] {
  const ports = new Map<number, ListeningPort>();
  let pid: number | null = null;
  let name: string | null = null;
  for (const line of text.split('\n')) {
    const tag = line.charAt(0);
    const value = line.slice(1);
    if (tag === 'p') {
      pid = Number(value);
      name = null;
    } else if (tag === 'c') {
      name = value;
    } else if (tag === 'n' && !value.includes('->')) {
      const port = Number(value.slice(value.lastIndexOf(':') + 1));
      if (Number.isInteger(port) && port > 0 && !ports.has(port)) ports.set(port, { port, pid, name });
    }
  }
  return [...ports.values()];
}
