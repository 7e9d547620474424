import { closeSync, openSync, read, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import type { Answer, ListeningPort } from './types.js';

/** One read call takes this much of a socket table; a longer table takes more calls. */
const READ_CHUNK = 64 * 1024;

/** Listening ports and their socket inodes; null when neither table could be read. */
type SocketTable = Map<number, string[]> | null;

let pending: Promise<SocketTable> | undefined;

/**
 * Listening TCP ports and their socket inodes, from /proc/net/tcp and tcp6
 * (state 0A is LISTEN). The kernel walks its whole socket hash for each
 * file (3.3 ms per file here), so the reading runs in the thread pool while
 * the processes start, and one reading serves every instance started in the
 * same turn of the event loop (a whole formation starts in one). A later
 * start gets a reading of its own: one under way may predate the end of the
 * process that held its port (a restart).
 */
function socketTable(): Promise<SocketTable> {
  if (pending) return pending;
  pending = Promise.all(['/proc/net/tcp', '/proc/net/tcp6'].map(readProcFile)).then((texts) => {
    if (texts.every((text) => text === null)) return null;
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
 * A /proc file's text, null when it cannot be read. Opened here and read by one
 * thread-pool call per chunk: fs.readFile would wait for this thread between
 * its steps, and so read the table only after the start-up work is done.
 */
function readProcFile(path: string): Promise<string | null> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return Promise.resolve(null);
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

/**
 * Fills in the holder of each port by scanning /proc/PID/fd for its sockets
 * (only our own processes are readable unless root); stops once every port has one.
 */
function findHolders(ports: readonly ListeningPort[], inodesOf: Map<number, string[]>): void {
  const portOf = new Map<string, ListeningPort>();
  for (const entry of ports) for (const inode of inodesOf.get(entry.port) ?? []) portOf.set(`socket:[${inode}]`, entry);
  let unresolved = ports.length;
  for (const entry of readdirSync('/proc')) {
    if (unresolved === 0) return;
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const port = portOf.get(readlinkSync(`/proc/${entry}/fd/${fd}`));
        if (!port || port.pid !== null) continue;
        port.pid = Number(entry);
        port.name = readFileSync(`/proc/${entry}/comm`, 'latin1').trim();
        unresolved -= 1;
      } catch {
        // The fd closed while we looked.
      }
    }
  }
}

/** Listening ports (only `port` when given) with their holders, as of the moment the reading began. */
export function listeningPortsFromProc(port?: number): Promise<Answer<ListeningPort[]>> {
  return socketTable().then((table): Answer<ListeningPort[]> => {
    if (!table) return { known: false, why: 'cannot read /proc/net/tcp' };
    const wanted = port === undefined ? [...table.keys()] : table.has(port) ? [port] : [];
    const ports = wanted.map((p): ListeningPort => ({ port: p, pid: null, name: null }));
    if (ports.length > 0) findHolders(ports, table);
    return { known: true, value: ports };
  });
}
