import { readdirSync, readFileSync } from 'node:fs';
import { groupExists } from './kill-probe.js';
import { listeningPortsFromProc } from './linux-proc-ports.js';
import type { Answer, Platform, ProcessField, ProcessInfo } from './types.js';

/**
 * Linux, read straight from /proc: no process to spawn, a few hundred
 * microseconds for a whole listing. `/proc/PID/environ` keeps the
 * environment a process was exec'd with, which is how escapees are found.
 */

/** The kernel's clock ticks per second in /proc/PID/stat (USER_HZ, 100 on every Linux ABI). */
const TICKS_PER_SECOND = 100;

function readStat(pid: number, fields: readonly ProcessField[] = []): ProcessInfo | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may itself contain spaces or ')'.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const info: ProcessInfo = { pid, state: rest[0] ?? '?', ppid: Number(rest[1]), pgid: Number(rest[2]) };
  if (fields.includes('cpu')) info.cpuMs = ((Number(rest[11]) || 0) + (Number(rest[12]) || 0)) * (1000 / TICKS_PER_SECOND);
  if (fields.includes('wchan')) info.wchan = readSmall(`/proc/${pid}/wchan`).replace(/^0$/, '');
  if (fields.includes('rss')) info.rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(readSmall(`/proc/${pid}/status`))?.[1] ?? 0);
  return info;
}

function readSmall(path: string): string {
  try {
    return readFileSync(path, 'latin1').trim();
  } catch {
    return '';
  }
}

const isZombie = (state: string): boolean => state === 'Z' || state === 'X';

function listPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

function hasVariable(pid: number, first: Buffer, later: Buffer): boolean {
  try {
    const environ = readFileSync(`/proc/${pid}/environ`);
    return environ.indexOf(first) === 0 || environ.indexOf(later) >= 0;
  } catch {
    return false;
  }
}

function known<T>(value: T): Promise<Answer<T>> {
  return Promise.resolve({ known: true, value });
}

export const linuxProc: Platform = {
  name: 'linux-proc',
  listProcesses(fields) {
    const list: ProcessInfo[] = [];
    for (const pid of listPids()) {
      const info = readStat(pid, fields);
      if (info && !isZombie(info.state)) list.push(info);
    }
    return known(list);
  },
  carryingVariable(name, value, among) {
    const first = Buffer.from(`${name}=${value}\0`);
    const later = Buffer.from(`\0${name}=${value}\0`);
    return known(new Set(among.filter((pid) => hasVariable(pid, first, later))));
  },
  isAlive(pid) {
    const stat = readStat(pid);
    return stat !== undefined && !isZombie(stat.state);
  },
  isGroupAlive: groupExists,
  listeningPorts: listeningPortsFromProc,
  shellCarrierFinder: { kind: 'proc' },
};
