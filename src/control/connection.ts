import type { Socket } from 'node:net';
import { UserError } from '../config/user-error.js';
import type { CommandOrigin, EngineDoor } from '../engine/index.js';
import { PROTOCOL_VERSION, type ErrorCode, type Frame, type OutputLine, type Request, type ServerHello } from './protocol.js';
import { matching } from './bounded-match.js';
import { logs, logTargets, status, timeline, userPattern } from './queries.js';

/** A line longer than this is not a request of ours: the connection is closed. */
const MAX_LINE = 1 << 20;
/** Unsent bytes past which event and output frames are dropped (and counted) for a slow reader. */
const MAX_BUFFERED = 1 << 20;
/** Requests read but not yet answered past which the client is not read from (its answers wait for it). */
const MAX_PENDING = 64;
/** A client that has not said hello by then is not one. */
const HELLO_TIMEOUT_MS = 5000;

type Checker = typeof import('./schemas.js')['check'];
let checker: Promise<Checker> | undefined;
const loadChecker = () => (checker ??= import('./schemas.js').then((m) => m.check));

/**
 * One client of the control socket: its hello, its requests in order, and
 * what it subscribed to. Frames to a reader that does not keep up are
 * dropped and then counted in a `dropped` frame; nothing here ever waits for
 * a client, so a slow one cannot slow the processes or the screen.
 */
export class Connection {
  private origin: CommandOrigin | null = null;
  private buffered = '';
  private dropped = 0;
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;
  /** After a protocol error nothing more the client sent is acted on. */
  private failed = false;
  private readonly cleanups: Array<() => void> = [];

  constructor(
    private readonly socket: Socket,
    private readonly engine: EngineDoor,
    hello: ServerHello,
  ) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.receive(chunk));
    socket.on('drain', () => {
      this.reportDropped();
      this.readMore();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.close());
    const helloTimer = setTimeout(() => this.origin === null && this.fail('bad-request', `no hello within ${HELLO_TIMEOUT_MS} ms`), HELLO_TIMEOUT_MS);
    this.cleanups.push(() => clearTimeout(helloTimer));
    this.send(hello);
  }

  close(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.socket.destroy();
  }

  private receive(chunk: string): void {
    if (this.failed) return;
    this.buffered += chunk;
    if (this.buffered.length > MAX_LINE && !this.buffered.includes('\n')) return this.fail('bad-request', 'line too long');
    let end: number;
    while ((end = this.buffered.indexOf('\n')) >= 0) {
      const line = this.buffered.slice(0, end);
      this.buffered = this.buffered.slice(end + 1);
      if (line.trim() === '') continue;
      // One request at a time, in the order they came: a client's commands apply in its order.
      this.pending += 1;
      this.queue = this.queue.then(async () => {
        if (!this.failed) await this.handle(line);
        this.pending -= 1;
        this.readMore();
      });
    }
    // A client that asks faster than it reads the answers is not read from until it catches up.
    if (this.pending >= MAX_PENDING || this.socket.writableLength > MAX_BUFFERED) this.socket.pause();
  }

  private readMore(): void {
    if (!this.failed && this.pending < MAX_PENDING && this.socket.writableLength <= MAX_BUFFERED) this.socket.resume();
  }

  private async handle(line: string): Promise<void> {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      return this.fail('bad-request', 'not JSON');
    }
    const check = await loadChecker();
    if (this.origin === null) {
      const hello = check('clientHello', message);
      if (!hello.ok) return this.fail('bad-request', `expected a hello first (${hello.message})`);
      if (hello.value.protocol !== PROTOCOL_VERSION) {
        return this.fail('protocol', `this tfui speaks control protocol ${PROTOCOL_VERSION}, the client ${hello.value.protocol}: use the same tfui version for both`);
      }
      this.origin = hello.value.client;
      return;
    }
    const request = check('request', message);
    if (!request.ok) return this.fail('bad-request', request.message);
    const { id } = request.value;
    try {
      const result = await this.run(request.value as Request, check);
      this.send({ id, ok: true, result });
    } catch (error) {
      const code: ErrorCode = error instanceof UserError ? 'refused' : 'internal';
      this.send({ id, ok: false, error: { code, message: error instanceof Error ? error.message : String(error) } });
    }
  }

  private async run(request: Request, check: Checker): Promise<unknown> {
    const origin = this.origin as CommandOrigin;
    const params = <K extends Parameters<Checker>[0]>(kind: K) => {
      const checked = check(kind, request.params ?? {});
      if (!checked.ok) throw new UserError(`${request.method}: ${checked.message}`);
      return checked.value;
    };
    const engine = this.engine;
    switch (request.method) {
      case 'status':
        return status(engine, Date.now());
      case 'restart':
      case 'stop': {
        const { targets } = params('targets');
        await engine.command({ kind: request.method, targets }, origin);
        return status(engine, Date.now());
      }
      case 'scale': {
        const { counts } = params('scale');
        await engine.command({ kind: 'scale', counts: Object.entries(counts) }, origin);
        return status(engine, Date.now());
      }
      case 'logs':
        return logs(engine, params('logs'));
      case 'timeline':
        return timeline(engine, params('timeline'));
      case 'subscribe':
        this.subscribe(params('subscribe'));
        return { subscribed: true };
      case 'quit':
        return { phase: engine.quit(origin) };
      default:
        throw new UserError(`unknown method ${JSON.stringify(request.method)}`);
    }
  }

  private subscribe(params: { events?: boolean | undefined; output?: { targets?: string[] | undefined; after?: Record<string, number> | undefined; grep?: string | undefined } | null | undefined }): void {
    if (params.events) {
      this.cleanups.push(this.engine.subscribe((event) => event && this.send({ type: 'event', event }, true)));
    }
    if (params.output) {
      const wanted = params.output.targets ?? [];
      // Checked now, so that a bad name is an answer, not a silence.
      logTargets(this.engine, wanted);
      const pattern = userPattern(params.output.grep);
      const cursors = new Map(Object.entries(params.output.after ?? {}));
      const dirty = new Set<string>();
      let scheduled = false;
      const flush = () => {
        scheduled = false;
        const ids = logTargets(this.engine, wanted).filter((id) => dirty.has(id));
        dirty.clear();
        const lines: OutputLine[] = [];
        for (const id of ids) {
          const log = this.engine.outputLog(id);
          if (!log) continue;
          const read = log.read({ after: cursors.get(id) ?? log.lastSeq });
          cursors.set(id, read.cursor);
          let matched = read.lines;
          try {
            if (pattern) matched = matching(read.lines, pattern);
          } catch (error) {
            // A pattern that cannot keep up with the output ends the subscription, with its reason.
            return this.fail('refused', error instanceof Error ? error.message : String(error));
          }
          for (const line of matched) lines.push({ instance: id, seq: line.seq, at: line.at, text: line.text });
        }
        lines.sort((a, b) => a.at - b.at);
        if (lines.length > 0) this.send({ type: 'output', lines }, true);
      };
      // Cursors start at the newest line of every instance not named in `after`.
      for (const id of logTargets(this.engine, wanted)) if (!cursors.has(id)) cursors.set(id, this.engine.outputLog(id)?.lastSeq ?? 0);
      this.cleanups.push(
        this.engine.onOutput((id) => {
          dirty.add(id);
          if (scheduled) return;
          scheduled = true;
          // Coalesced: a flood becomes one read per turn of the event loop, not one per chunk.
          setImmediate(flush);
        }),
      );
    }
  }

  private send(frame: Frame, droppable = false): void {
    if (this.socket.destroyed) return;
    if (droppable && this.socket.writableLength > MAX_BUFFERED) {
      this.dropped += 'type' in frame && frame.type === 'output' ? frame.lines.length : 1;
      return;
    }
    this.socket.write(`${JSON.stringify(frame)}\n`);
  }

  private reportDropped(): void {
    if (this.dropped === 0) return;
    const count = this.dropped;
    this.dropped = 0;
    this.send({ type: 'dropped', count });
  }

  private fail(code: ErrorCode, message: string): void {
    if (this.failed) return;
    this.failed = true;
    this.socket.pause();
    this.send({ type: 'error', error: { code, message } });
    this.socket.end();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }
}
