import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Who listens on a TCP port, as far as the OS tells (/proc on Linux). */
export interface PortHolder {
  port: number;
  pid: number | null;
  name: string | null;
}

let table: Map<number, string[]> | undefined;

/**
 * Listening TCP ports and their socket inodes, from /proc/net/tcp and tcp6
 * (state 0A is LISTEN). Reading them costs milliseconds on a busy machine, so
 * one reading serves every instance started in the same turn of the event
 * loop (a whole formation starts in one), and none after it.
 */
function listeningPorts(fresh = false): Map<number, string[]> {
  if (!fresh && table) return table;
  const listening = new Map<number, string[]>();
  for (const path of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(path, 'latin1');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const local = fields[1];
      const inode = fields[9];
      if (!local || fields[3] !== '0A' || !inode) continue;
      const port = parseInt(local.slice(local.lastIndexOf(':') + 1), 16);
      listening.set(port, [...(listening.get(port) ?? []), inode]);
    }
  }
  table = listening;
  queueMicrotask(() => {
    table = undefined;
  });
  return listening;
}

/** The process holding one of the socket inodes, by scanning /proc/PID/fd (only our own processes are readable unless root). */
function holderOf(inodes: readonly string[]): { pid: number; name: string } | null {
  const wanted = new Set(inodes.map((inode) => `socket:[${inode}]`));
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (wanted.has(readlinkSync(`/proc/${entry}/fd/${fd}`))) {
          const name = readFileSync(`/proc/${entry}/comm`, 'latin1').trim();
          return { pid: Number(entry), name };
        }
      } catch {
        // The fd closed while we looked.
      }
    }
  }
  return null;
}

/** Who is listening on `port` now, or null when it is free (or the OS does not say). */
export function findPortHolder(port: number): PortHolder | null {
  // A cached "taken" may be a process that just ended: confirm it with a fresh reading.
  if (!listeningPorts().has(port)) return null;
  const inodes = listeningPorts(true).get(port) ?? [];
  if (inodes.length === 0) return null;
  const holder = holderOf(inodes);
  return { port, pid: holder?.pid ?? null, name: holder?.name ?? null };
}

/** `5200 in use by nginx (pid 812)`, or without the holder when the OS does not say. */
export function describePortHolder(holder: PortHolder): string {
  return holder.pid !== null ? `${holder.port} in use by ${holder.name} (pid ${holder.pid})` : `${holder.port} in use by another process`;
}

/** Whether a process's last words say its port was taken. */
export function mentionsAddressInUse(lines: readonly string[]): boolean {
  return lines.some((line) => /EADDRINUSE|address already in use/i.test(line));
}
