import { readdirSync, readFileSync } from 'node:fs';

/**
 * Pids of living (non-zombie) processes whose command line contains `needle`.
 * The `/bin/sh -c …` that runs a Procfile line contains it too; `programsOnly` leaves those out.
 */
export function processesMatching(needle: string, { programsOnly = false } = {}): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if (state === 'Z' || state === 'X') continue;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'latin1').replace(/\0/g, ' ');
      if (cmdline.includes(needle) && !(programsOnly && cmdline.startsWith('/bin/sh -c '))) found.push(Number(name));
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}

/** SIGKILLs every process matching `needle`: a test's last word, so nothing outlives it. */
export function killMatching(needle: string): void {
  for (const pid of processesMatching(needle)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** A unique word to put in a test's command lines, so its processes can be found and only they. */
export function uniqueMarker(prefix = 'tfuitest'): string {
  return `${prefix}${process.pid}x${Math.random().toString(36).slice(2, 10)}`;
}
