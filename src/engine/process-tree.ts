import { readdirSync, readFileSync } from 'node:fs';

/**
 * Finding and signalling every process an instance started.
 *
 * An instance runs in its own pty session, so its process group is `-pid`.
 * A group kill misses processes that called setsid() or double-forked into a
 * daemon: those are reparented away from our tree. They still carry the
 * instance's marker variable in their environment (`/proc/PID/environ` keeps
 * the environment a process was exec'd with), which is how we find them.
 * A process that wipes its environment *and* leaves the session escapes;
 * that trade-off keeps tfui free of native code beyond node-pty.
 */

/** The variable tfui puts in every instance's environment to recognise its descendants. */
export const MARKER_VARIABLE = 'TFUI_INSTANCE';

interface ProcStat {
  pid: number;
  ppid: number;
  pgid: number;
  state: string;
}

function readStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may itself contain spaces or ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { pid, state: fields[0] ?? '?', ppid: Number(fields[1]), pgid: Number(fields[2]) };
}

function listPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** True while `pid` exists and is not a zombie (zombies cannot run or hold anything). */
export function isAlive(pid: number): boolean {
  const stat = readStat(pid);
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
}

function hasMarker(pid: number, first: Buffer, later: Buffer): boolean {
  try {
    const environ = readFileSync(`/proc/${pid}/environ`);
    return environ.indexOf(first) === 0 || environ.indexOf(later) >= 0;
  } catch {
    return false;
  }
}

/**
 * Every living process of an instance's tree: its process group, the
 * descendants of any member (by parent pid), and any process carrying the
 * marker. `rootPid` is included while it lives.
 */
export function findTree(rootPid: number, marker: string): number[] {
  const self = process.pid;
  const stats = listPids()
    .filter((pid) => pid !== self)
    .map(readStat)
    .filter((s): s is ProcStat => s !== undefined && s.state !== 'Z' && s.state !== 'X');
  const first = Buffer.from(`${MARKER_VARIABLE}=${marker}\0`);
  const later = Buffer.from(`\0${MARKER_VARIABLE}=${marker}\0`);
  const members = new Set<number>();
  for (const s of stats) {
    if (s.pid === rootPid || s.pgid === rootPid || hasMarker(s.pid, first, later)) members.add(s.pid);
  }
  // Children of members belong to the tree even if they changed group and env.
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of stats) {
      if (!members.has(s.pid) && members.has(s.ppid)) {
        members.add(s.pid);
        grew = true;
      }
    }
  }
  return [...members];
}

/**
 * Whether `pid` is of an instance's tree, by the same rules as findTree but
 * reading only `pid` and its ancestors: it, or an ancestor, is the root, in
 * the root's group, or carries the marker.
 */
export function isInTree(pid: number, rootPid: number, marker: string): boolean {
  const first = Buffer.from(`${MARKER_VARIABLE}=${marker}\0`);
  const later = Buffer.from(`\0${MARKER_VARIABLE}=${marker}\0`);
  const seen = new Set<number>();
  for (let current = readStat(pid); current && current.pid > 1 && !seen.has(current.pid); current = readStat(current.ppid)) {
    seen.add(current.pid);
    if (current.pid === rootPid || current.pgid === rootPid || hasMarker(current.pid, first, later)) return true;
  }
  return false;
}

/**
 * Sends `signal` to the group, and to each pid that left it; processes
 * already gone are fine. A group member gets the signal once, as from a
 * terminal: a shell whose trap runs twice would print its goodbye twice.
 */
export function signalTree(rootPid: number, pids: readonly number[], signal: NodeJS.Signals): void {
  trySignal(-rootPid, signal);
  for (const pid of pids) {
    if (readStat(pid)?.pgid !== rootPid) trySignal(pid, signal);
  }
}

function trySignal(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // ESRCH: already gone. EPERM: not ours to signal (setuid helper); nothing we can do.
  }
}
