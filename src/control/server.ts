import { chmodSync, existsSync, linkSync, statSync, unlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import { UserError } from '../config/user-error.js';
import type { EngineDoor } from '../engine/index.js';
import { askHello } from './client.js';
import { Connection } from './connection.js';
import { PROTOCOL_VERSION } from './protocol.js';
import { ensurePrivateFolder, isPrivateFolder, socketPathCandidates } from './socket-path.js';

export interface ControlServer {
  readonly path: string;
  /** Stops listening, ends every connection and removes the socket. */
  close(): void;
}

/**
 * Makes sure no other tfui serves this project, before any process starts,
 * and says where this one will listen. A socket that answers is a running
 * tfui (one clear line, exit 1); one that refuses the connection was left by
 * a tfui that was killed, and is removed, so it never blocks a start (what
 * overmind's stale socket did). The first folder that is private, or can be
 * made so, is used; one that someone else made is passed over.
 */
export async function claimSocket(project: { procfilePath: string; root: string }): Promise<string> {
  const candidates = socketPathCandidates(project);
  // Only a folder that is ours and closed to others can hold our tfui's socket: a socket planted elsewhere is not asked.
  for (const path of candidates) {
    if (isPrivateFolder(dirname(path)) && existsSync(path)) await refuseIfServed(path);
  }
  let refusal: unknown;
  for (const path of candidates) {
    try {
      ensurePrivateFolder(dirname(path));
      return path;
    } catch (error) {
      refusal ??= error;
    }
  }
  throw refusal;
}

/** Throws when a tfui answers on `path`, or holds it without answering; removes a socket nobody listens on. */
async function refuseIfServed(path: string): Promise<void> {
  const answer = await askHello(path, 1000);
  if (answer.kind === 'running') {
    throw new UserError(`another tfui is running for this project (pid ${answer.hello.pid}): see it with \`tfui status\`, stop it with \`tfui quit\``, 1);
  }
  if (answer.kind === 'stale') removeSocket(path);
  else if (answer.kind === 'error') throw new UserError(`a tfui holds ${path} but does not answer (stopped with Ctrl-Z?): ${answer.message}`, 1);
}

/**
 * Listens for the control protocol on `path` (claimed first), readable by
 * its owner only. The socket is bound under a name of this process's own and
 * then hard-linked to `path`, which fails if the name exists: of two tfuis
 * starting at the same moment, exactly one gets it.
 */
export async function listenControl(path: string, engine: EngineDoor, version: string): Promise<ControlServer> {
  const connections = new Set<Connection>();
  const bound = join(dirname(path), `.${process.pid}.sock`);
  removeSocket(bound);
  const server: Server = createServer((socket) => {
    const connection = new Connection(socket, engine, {
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      tfui: version,
      pid: process.pid,
      procfile: engine.app.procfilePath,
      root: engine.app.root,
    });
    connections.add(connection);
    socket.on('close', () => connections.delete(connection));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new UserError(`cannot listen on ${bound} (${error.message})`, 1)));
    server.listen(bound, resolve);
  });
  try {
    // The folder already shuts others out; the socket itself says so too.
    chmodSync(bound, 0o600);
    await linkOnce(bound, path);
  } catch (error) {
    server.close();
    throw error;
  } finally {
    removeSocket(bound);
  }
  const ours = statSync(path).ino;
  // Every exit that runs JavaScript removes it (if it is still ours); after a kill -9, the next start does.
  const onExit = () => removeSocket(path, ours);
  process.on('exit', onExit);
  let closed = false;
  return {
    path,
    close() {
      if (closed) return;
      closed = true;
      process.off('exit', onExit);
      for (const connection of connections) connection.close();
      server.close();
      removeSocket(path, ours);
    },
  };
}

/** `link(2)` fails when the name exists: a running tfui there wins; a stale socket is replaced, once. */
async function linkOnce(bound: string, path: string): Promise<void> {
  try {
    linkSync(bound, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new UserError(`cannot create ${path} (${(error as Error).message})`, 1);
    await refuseIfServed(path);
    linkSync(bound, path);
  }
}

/** Removes the socket at `path`; with `inode`, only if it is still that one (not a later tfui's). */
function removeSocket(path: string, inode?: number): void {
  try {
    if (inode === undefined || statSync(path).ino === inode) unlinkSync(path);
  } catch {
    // Already gone.
  }
}
