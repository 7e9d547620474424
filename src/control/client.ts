import { existsSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { dirname } from 'node:path';
import { UserError } from '../config/user-error.js';
import { PROTOCOL_VERSION, type Frame, type MethodName, type ServerHello } from './protocol.js';
import { isPrivateFolder, socketPathCandidates } from './socket-path.js';

export type HelloAnswer =
  | { kind: 'running'; hello: ServerHello }
  /** A socket file nobody listens on: left by a tfui that was killed. */
  | { kind: 'stale' }
  | { kind: 'absent' }
  | { kind: 'error'; message: string };

/** Whether a tfui answers on `path`, and its hello. */
export async function askHello(path: string, timeoutMs: number): Promise<HelloAnswer> {
  try {
    const client = await ControlClient.connect(path, 'shell', timeoutMs);
    client.close();
    return { kind: 'running', hello: client.hello };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ECONNREFUSED') return { kind: 'stale' };
    if (code === 'ENOENT') return { kind: 'absent' };
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Connects to the project's running tfui, wherever it listens (see
 * socketFolders); rejects like a refused connection when none answers.
 */
export async function connectToProject(project: { procfilePath: string; root: string }, client: 'shell' | 'agent', timeoutMs: number): Promise<ControlClient> {
  let last: unknown = Object.assign(new Error('no socket'), { code: 'ENOENT' });
  for (const path of socketPathCandidates(project)) {
    // A folder someone else made (or opened) may hold anyone's socket: it is not asked.
    if (!isPrivateFolder(dirname(path)) || !existsSync(path)) continue;
    try {
      return await ControlClient.connect(path, client, timeoutMs);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A socket nobody listens on (left by a killed tfui): look further; anything else is the answer.
      if (code !== 'ECONNREFUSED') throw error;
      last = error;
    }
  }
  throw last;
}

/** Why a connection failed, for a person: one line. */
export function describeConnectError(error: unknown, project: string): UserError {
  if (error instanceof UserError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ECONNREFUSED') return new UserError(`no tfui is running for ${project}`, 1);
  if (code === 'EACCES' || code === 'EPERM') return new UserError(`cannot reach the tfui of ${project}: permission denied (it belongs to another user)`, 1);
  return new UserError(`cannot reach the tfui of ${project}: ${error instanceof Error ? error.message : String(error)}`, 1);
}

/**
 * A connection to a running tfui: the hello exchange, then requests answered
 * in order, and frames of subscriptions for `onFrame`.
 */
export class ControlClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private readonly frameListeners = new Set<(frame: Frame) => void>();
  private closeListeners = new Set<(error: Error | null) => void>();
  private ended: Error | null = null;

  private constructor(
    private readonly socket: Socket,
    readonly hello: ServerHello,
    rest: string,
  ) {
    let buffered = rest;
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let end: number;
      while ((end = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        if (line.trim() === '') continue;
        let frame: Frame;
        try {
          frame = JSON.parse(line) as Frame;
        } catch {
          this.socket.destroy();
          return this.end(new UserError('the running tfui sent something that is not its control protocol', 1));
        }
        this.receive(frame);
      }
    });
    socket.on('close', () => this.end(new UserError('the running tfui closed the connection', 1)));
    socket.on('error', (error) => this.end(error));
  }

  /** Connects, checks the server's protocol version and says hello; rejects within `timeoutMs`. */
  static connect(path: string, client: 'shell' | 'agent', timeoutMs = 2000): Promise<ControlClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(path);
      socket.setEncoding('utf8');
      let buffered = '';
      const timer = setTimeout(() => fail(new UserError(`the tfui on ${path} did not answer within ${timeoutMs} ms`, 1)), timeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(error);
      };
      const onData = (chunk: string) => {
        buffered += chunk;
        const end = buffered.indexOf('\n');
        if (end < 0) return;
        clearTimeout(timer);
        socket.off('data', onData);
        socket.off('error', fail);
        let hello: ServerHello;
        try {
          hello = JSON.parse(buffered.slice(0, end)) as ServerHello;
        } catch {
          return fail(new UserError(`${path} does not speak tfui's control protocol`, 1));
        }
        if (hello.type !== 'hello') return fail(new UserError(`${path} does not speak tfui's control protocol`, 1));
        if (hello.protocol !== PROTOCOL_VERSION) {
          return fail(new UserError(`the running tfui (${hello.tfui}, pid ${hello.pid}) speaks control protocol ${hello.protocol} and this one ${PROTOCOL_VERSION}: use the same tfui version for both`, 1));
        }
        socket.write(`${JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, client })}\n`);
        resolve(new ControlClient(socket, hello, buffered.slice(end + 1)));
      };
      socket.on('data', onData);
      socket.on('error', fail);
    });
  }

  request<T = unknown>(method: MethodName, params: object = {}): Promise<T> {
    if (this.ended) return Promise.reject(this.ended);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.socket.write(`${JSON.stringify({ id, method, params })}\n`);
    });
  }

  onFrame(listener: (frame: Frame) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  /** Told once when the connection ends: null when we closed it. */
  onClose(listener: (error: Error | null) => void): void {
    this.closeListeners.add(listener);
  }

  close(): void {
    this.socket.destroy();
    this.end(null);
  }

  private receive(frame: Frame): void {
    if ('id' in frame && 'ok' in frame) {
      const waiting = this.pending.get(frame.id);
      this.pending.delete(frame.id);
      if (frame.ok) waiting?.resolve(frame.result);
      else waiting?.reject(new UserError(frame.error.message, frame.error.code === 'refused' ? 1 : 2));
      return;
    }
    if (frame.type === 'error') {
      this.end(new UserError(frame.error.message, 1));
      return;
    }
    for (const listener of this.frameListeners) listener(frame);
  }

  private end(error: Error | null): void {
    if (this.ended) return;
    this.ended = error ?? new UserError('connection closed', 1);
    for (const waiting of this.pending.values()) waiting.reject(this.ended);
    this.pending.clear();
    const listeners = this.closeListeners;
    this.closeListeners = new Set();
    for (const listener of listeners) listener(error);
  }
}
