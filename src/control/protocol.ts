import type { InstanceState, SupervisorEvent } from '../engine/index.js';

/**
 * The control socket's protocol (docs/control-protocol.md): one JSON object
 * per line each way. The server says hello first; the client answers with
 * its own; then requests `{id, method, params}` get answers
 * `{id, ok, result | error}`, and a subscription adds event frames.
 */
export const PROTOCOL_VERSION = 1;

export interface ServerHello {
  type: 'hello';
  protocol: number;
  tfui: string;
  pid: number;
  procfile: string;
  root: string;
}

export interface ClientHello {
  type: 'hello';
  protocol: number;
  /** Who is asking: `shell` (a verb), `agent` (the MCP server); the screen says which. */
  client: 'shell' | 'agent';
}

export interface Request {
  id: number;
  method: MethodName;
  params?: unknown;
}

export type Answer = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: { code: ErrorCode; message: string } };

/** `protocol`: versions differ; `bad-request`: not this protocol; `refused`: a user error (unknown name…). */
export type ErrorCode = 'protocol' | 'bad-request' | 'refused' | 'internal';

export type Frame =
  | ServerHello
  | Answer
  | { type: 'event'; event: SupervisorEvent }
  | { type: 'output'; lines: OutputLine[] }
  /** Frames that a slow reader did not take were dropped, never silently. */
  | { type: 'dropped'; count: number }
  | { type: 'error'; error: { code: ErrorCode; message: string } };

export const METHODS = ['status', 'restart', 'stop', 'scale', 'logs', 'timeline', 'subscribe', 'quit'] as const;
export type MethodName = (typeof METHODS)[number];

export interface InstanceStatus {
  id: string;
  processType: string;
  number: number;
  state: InstanceState;
  pid: number | null;
  port: number;
  command: string;
  /** Epoch ms of the current run's start, null when not running. */
  startedAt: number | null;
  uptimeMs: number | null;
  restarts: number;
  lastExit: { code: number | null; signal: string | null; at: number } | null;
  portConflict: string | null;
  gaveUp: string | null;
}

export interface StatusResult {
  pid: number;
  procfile: string;
  root: string;
  quitting: 'graceful' | 'forced' | null;
  formation: Array<{ processType: string; count: number }>;
  instances: InstanceStatus[];
}

export interface OutputLine {
  instance: string;
  seq: number;
  /** Epoch ms when the line's end was read from the pty. */
  at: number;
  text: string;
}

export interface LogsParams {
  /** Types or instances; none: every instance that ever printed. */
  targets?: string[];
  /** The last N lines (after the filter). */
  limit?: number;
  /** Instead: the first N lines after the cursors (paging forward); the cursors then stop at the last line given. */
  head?: number;
  /** Per instance: only lines after this seq (a cursor from an earlier answer). */
  after?: Record<string, number>;
  /** A JavaScript regular expression the line must match. */
  grep?: string;
  /** Leave lines longer than this cut, with a mark (default: none). */
  maxLineLength?: number;
}

export interface LogsResult {
  lines: OutputLine[];
  /** Per instance, the seq to pass as `after` to read on. */
  cursors: Record<string, number>;
  /** Per instance, lines after the cursor that were no longer kept. */
  skipped: Record<string, number>;
  /** With `head`: lines after these cursors were left for the next page. */
  more: boolean;
}

export interface TimelineParams {
  /** The newest N events (default 100). */
  limit?: number;
  /** Only events after this index in the log (a cursor from an earlier answer). */
  after?: number;
  targets?: string[];
}

export interface TimelineResult {
  events: Array<SupervisorEvent & { index: number }>;
  cursor: number;
}

export interface SubscribeParams {
  events?: boolean;
  /** Output lines of these targets (`[]` or omitted with output true: all), after the given cursors. */
  output?: { targets?: string[]; after?: Record<string, number>; grep?: string } | null;
}

/** The instances of a status that a command's names (types or instances) cover: what its answer reports. */
export function instancesNamed(status: StatusResult, names: readonly string[]): InstanceStatus[] {
  return status.instances.filter((i) => names.includes(i.id) || names.includes(i.processType));
}
