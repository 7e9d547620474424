import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { dirname } from 'node:path';
import { UserError } from '../config/user-error.js';
import type { EngineDoor } from '../engine/index.js';
import { askHello } from './client.js';
import { Connection } from './connection.js';
import { PROTOCOL_VERSION } from './protocol.js';
import { ensurePrivateFolder, socketPathCandidates } from './socket-path.js';

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
  for (const path of candidates) {
    if (!existsSync(path)) continue;
    const answer = await askHello(path, 1000);
    if (answer.kind === 'running') {
      throw new UserError(`another tfui is running for this project (pid ${answer.hello.pid}): see it with \`tfui status\`, stop it with \`tfui quit\``, 1);
    }
    if (answer.kind === 'stale') removeSocket(path);
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

/** Listens on `path` (claimed first) for the control protocol; the socket file is readable by its owner only. */
export async function listenControl(path: string, engine: EngineDoor, version: string): Promise<ControlServer> {
  const connections = new Set<Connection>();
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
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new UserError('another tfui for this project started at the same moment', 1) : new UserError(`cannot listen on ${path} (${error.message})`, 1)),
    );
    server.listen(path, resolve);
  });
  // The folder already shuts others out; the socket itself says so too.
  chmodSync(path, 0o600);
  // Every exit that runs JavaScript removes it; after a kill -9, the next start does.
  const onExit = () => removeSocket(path);
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
      removeSocket(path);
    },
  };
}

function removeSocket(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
