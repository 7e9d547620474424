import { UserError } from '../config/user-error.js';
import { matching } from './bounded-match.js';
import type { EngineDoor, InstanceRef, SupervisorEvent } from '../engine/index.js';
import type { InstanceStatus, LogsParams, LogsResult, OutputLine, StatusResult, TimelineParams, TimelineResult } from './protocol.js';

/** What the socket answers to reads: status, logs and the timeline, from the engine's own data. */

export function status(engine: EngineDoor, now: number): StatusResult {
  const snapshot = engine.snapshot();
  return {
    pid: process.pid,
    procfile: engine.app.procfilePath,
    root: engine.app.root,
    quitting: engine.quitting,
    formation: snapshot.formation,
    instances: snapshot.instances.map((i): InstanceStatus => {
      const running = i.pid !== null && i.startedAt !== null;
      return {
        id: i.id,
        processType: i.processType,
        number: i.number,
        state: i.state,
        pid: i.pid,
        port: i.port,
        command: i.command,
        startedAt: running ? i.startedAt : null,
        uptimeMs: running && i.startedAt !== null ? now - i.startedAt : null,
        restarts: i.restarts,
        lastExit: i.lastExit,
        portConflict: i.portConflict,
        gaveUp: i.gaveUp,
      };
    }),
  };
}

/**
 * The instances whose output a read names: a type is every instance of it
 * that ever printed (one scaled away keeps its log), an instance itself; no
 * names, every instance. In Procfile order.
 */
export function logTargets(engine: EngineDoor, targets: readonly string[] | undefined): string[] {
  const known = loggedInstances(engine);
  if (!targets || targets.length === 0) return known.map((ref) => ref.id);
  const types = new Set(engine.app.types.map((t) => t.name));
  const chosen = new Set<string>();
  for (const target of targets) {
    const matches = (types.has(target) ? known.filter((ref) => ref.processType === target) : known.filter((ref) => ref.id === target)).map((ref) => ref.id);
    if (matches.length === 0 && !types.has(target)) {
      throw new UserError(`no process type or instance "${target}" (types: ${[...types].join(', ')})`);
    }
    for (const id of matches) chosen.add(id);
  }
  return known.filter((ref) => chosen.has(ref.id)).map((ref) => ref.id);
}

function loggedInstances(engine: EngineDoor): InstanceRef[] {
  const order = new Map(engine.app.types.map((t) => [t.name, t.index]));
  return engine.loggedInstances().sort((a, b) => (order.get(a.processType) ?? 0) - (order.get(b.processType) ?? 0) || a.number - b.number);
}

/** A regular expression from a user, or a UserError that says why not. */
export function userPattern(source: string | undefined): RegExp | undefined {
  if (source === undefined || source === '') return undefined;
  try {
    return new RegExp(source);
  } catch (error) {
    throw new UserError(`bad pattern ${JSON.stringify(source)}: ${(error as Error).message}`);
  }
}

export function logs(engine: EngineDoor, params: LogsParams): LogsResult {
  const ids = logTargets(engine, params.targets);
  const pattern = userPattern(params.grep);
  const cursors: Record<string, number> = {};
  const skipped: Record<string, number> = {};
  let lines: OutputLine[] = [];
  for (const id of ids) {
    const log = engine.outputLog(id);
    if (!log) continue;
    const read = log.read({ after: params.after?.[id] ?? 0 });
    cursors[id] = read.cursor;
    if (read.skipped > 0 && params.after?.[id] !== undefined) skipped[id] = read.skipped;
    for (const line of pattern ? matching(read.lines, pattern) : read.lines) lines.push({ instance: id, seq: line.seq, at: line.at, text: cut(line.text, params.maxLineLength) });
  }
  // Several instances read as one stream, in the order their lines came.
  if (ids.length > 1) lines.sort((a, b) => a.at - b.at || ids.indexOf(a.instance) - ids.indexOf(b.instance) || a.seq - b.seq);
  if (params.limit !== undefined) lines = params.limit > 0 ? lines.slice(-params.limit) : [];
  let more = false;
  if (params.head !== undefined && lines.length > params.head) {
    // The page ends at its last line: each instance's cursor stops at its last line given.
    more = true;
    const left = lines.slice(params.head);
    lines = lines.slice(0, params.head);
    for (const id of new Set(left.map((line) => line.instance))) {
      const given = lines.filter((line) => line.instance === id).at(-1);
      cursors[id] = given ? given.seq : (params.after?.[id] ?? 0);
    }
  }
  return { lines, cursors, skipped, more };
}

function cut(text: string, max: number | undefined): string {
  return max !== undefined && text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
}

export function timeline(engine: EngineDoor, params: TimelineParams): TimelineResult {
  const all = engine.events();
  const first = engine.firstEventIndex;
  const wanted = params.targets && params.targets.length > 0 ? new Set(params.targets) : null;
  const picked: Array<SupervisorEvent & { index: number }> = [];
  for (let i = Math.max(0, (params.after ?? -1) + 1 - first); i < all.length; i++) {
    const event = all[i] as SupervisorEvent;
    if (wanted && !('processType' in event && (wanted.has(event.processType) || ('id' in event && wanted.has(event.id))))) continue;
    picked.push({ ...event, index: first + i });
  }
  const limit = params.limit ?? 100;
  return { events: limit > 0 ? picked.slice(-limit) : [], cursor: first + all.length - 1 };
}
