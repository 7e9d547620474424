import { closeSync, openSync, read, readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Who listens on a TCP port, as far as the OS tells (/proc on Linux). */
export interface PortHolder {
  port: number;
  pid: number | null;
  name: string | null;
}

/** One read call takes this much of a socket table; a longer table takes more calls. */
const READ_CHUNK = 64 * 1024;

let pending: Promise<Map<number, string[]>> | undefined;

/**
 * Listening TCP ports and their socket inodes, from /proc/net/tcp and tcp6
 * (state 0A is LISTEN). The kernel walks its whole socket hash for each
 * file (3.3 ms per file here), so the reading runs in the thread pool while
 * the processes start, and one reading serves every instance started in the
 * same turn of the event loop (a whole formation starts in one). A later
 * start gets a reading of its own: one under way may predate the end of the
 * process that held its port (a restart).
 */
function listeningPorts(): Promise<Map<number, string[]>> {
  if (pending) return pending;
  pending = Promise.all(['/proc/net/tcp', '/proc/net/tcp6'].map(readProcFile)).then((texts) => {
    const listening = new Map<number, string[]>();
    for (const line of texts.join('\n').split('\n')) {
      const fields = line.trim().split(/\s+/);
      const local = fields[1];
      const inode = fields[9];
      if (!local || fields[3] !== '0A' || !inode) continue;
      const port = parseInt(local.slice(local.lastIndexOf(':') + 1), 16);
      listening.set(port, [...(listening.get(port) ?? []), inode]);
    }
    return listening;
  });
  const reading = pending;
  queueMicrotask(() => {
    if (pending === reading) pending = undefined;
  });
  return reading;
}

/**
 * A /proc file's text, '' when it cannot be read. Opened here and read by one
 * thread-pool call per chunk: fs.readFile would wait for this thread between
 * its steps, and so read the table only after the start-up work is done.
 */
function readProcFile(path: string): Promise<string> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return Promise.resolve('');
  }
  const chunks: Buffer[] = [];
  return new Promise((resolve) => {
    const next = (): void => {
      const buffer = Buffer.allocUnsafe(READ_CHUNK);
      read(fd, buffer, 0, READ_CHUNK, null, (error, bytes) => {
        if (error || bytes === 0) {
          closeSync(fd);
          resolve(Buffer.concat(chunks).toString('latin1'));
          return;
        }
        chunks.push(buffer.subarray(0, bytes));
        next();
      });
    };
    next();
  });
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

/**
 * Who is listening on `port`, or null when it is free (or the OS does not
 * say). The answer is of the moment the lookup began, give or take a reading
 * already under way.
 */
export async function findPortHolder(port: number): Promise<PortHolder | null> {
  const inodes = (await listeningPorts()).get(port);
  if (!inodes) return null;
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
