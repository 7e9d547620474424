import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import * as z from 'zod/v4';
import { connectToProject, describeConnectError, instancesNamed, type ControlClient, type LogsResult, type OutputLine, type StatusResult, type TimelineResult } from '../control/index.js';
import { describeEvent } from './event-text.js';

export interface McpOptions {
  /** The project whose tfui it serves; `shown` is the Procfile as the user named it. */
  project: { procfilePath: string; root: string; shown: string };
  allowControl: boolean;
  version: string;
}

/** An answer's text is cut past this many characters (an agent's context is precious); a cursor pages on. */
const MAX_TEXT = 48_000;
const MAX_LINE = 2_000;

type ToolResult = { content: Array<{ type: 'text'; text: string }>; isError?: boolean };

/**
 * `tfui mcp`: an MCP server on stdio that reads and (with --allow-control)
 * drives the running tfui of a project, through its control socket. Each
 * tool call is one short connection: a tfui started or restarted later is
 * found, and when none runs every tool says so at once.
 */
export async function runMcpServer(options: McpOptions): Promise<void> {
  const server = new McpServer({ name: 'tfui', version: options.version }, { instructions: instructions(options) });

  async function ask<T>(method: Parameters<ControlClient['request']>[0], params: object, render: (result: T) => string): Promise<ToolResult> {
    let client: ControlClient;
    try {
      client = await connectToProject(options.project, 'agent', 1000);
    } catch (error) {
      return failure(`${describeConnectError(error, options.project.shown).message}; start it with \`tfui\` in ${options.project.root}`);
    }
    try {
      return { content: [{ type: 'text', text: render(await client.request<T>(method, params)) }] };
    } catch (error) {
      return failure(error instanceof Error ? error.message : String(error));
    } finally {
      client.close();
    }
  }

  server.registerTool(
    'list_processes',
    {
      title: 'List processes',
      description: 'Every instance of the Procfile formation with its state (running, crashed, exited, stopped, starting, stopping, backoff), pid, PORT, uptime, restarts, last exit, and port conflicts or crash-loop verdicts.',
      annotations: { readOnlyHint: true },
    },
    () => ask<StatusResult>('status', {}, (status) => JSON.stringify(status, null, 1)),
  );

  server.registerTool(
    'get_logs',
    {
      title: 'Read logs',
      description:
        'Plain-text output of one instance (web.1) or of every instance of a type (web), or of all when no target is given. Without a cursor: the last `lines` lines. With a cursor from an earlier answer: the lines printed after it, oldest first, a page at a time. Every answer ends with a cursor to read on from.',
      inputSchema: {
        target: z.string().optional().describe('an instance such as web.1, or a type such as web; omit for all'),
        lines: z.number().int().min(1).max(2000).optional().describe('how many lines (default 100)'),
        cursor: z.string().optional().describe('the cursor of an earlier answer: read what came after it'),
        grep: z.string().optional().describe('a JavaScript regular expression lines must match'),
      },
      annotations: { readOnlyHint: true },
    },
    ({ target, lines, cursor, grep }) => {
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      if (after === null) return failure('that cursor is not one this server gave');
      const count = lines ?? 100;
      return ask<LogsResult>(
        'logs',
        { ...(target ? { targets: [target] } : {}), ...(after ? { after, head: count } : { limit: count }), ...(grep ? { grep } : {}), maxLineLength: MAX_LINE },
        (result) => logsText(result, after !== undefined),
      );
    },
  );

  server.registerTool(
    'search_logs',
    {
      title: 'Search logs',
      description: 'Lines matching a regular expression in the kept output of every instance (or of the given targets), newest last, each with its instance.',
      inputSchema: {
        pattern: z.string().describe('a JavaScript regular expression, e.g. "error|warn" or "EADDRINUSE"'),
        targets: z.array(z.string()).optional().describe('instances or types to search; omit for all'),
        limit: z.number().int().min(1).max(2000).optional().describe('at most this many matches, the newest (default 200)'),
      },
      annotations: { readOnlyHint: true },
    },
    ({ pattern, targets, limit }) =>
      ask<LogsResult>('logs', { grep: pattern, limit: limit ?? 200, maxLineLength: MAX_LINE, ...(targets ? { targets } : {}) }, (result) =>
        result.lines.length === 0 ? `no line matches /${pattern}/` : cutText(result.lines.map((l) => `${l.instance} | ${l.text}`).join('\n')),
      ),
  );

  server.registerTool(
    'get_timeline',
    {
      title: 'Timeline',
      description: 'Recent starts, exits, crashes (with exit codes, signals and the last lines printed), restarts, scaling and stops, oldest first, each with who asked for it.',
      inputSchema: {
        target: z.string().optional().describe('an instance or a type; omit for all'),
        limit: z.number().int().min(1).max(1000).optional().describe('the newest N events (default 50)'),
        after: z.number().int().optional().describe('only events after this index (the `next` of an earlier answer)'),
      },
      annotations: { readOnlyHint: true },
    },
    ({ target, limit, after }) =>
      ask<TimelineResult>('timeline', { limit: limit ?? 50, ...(target ? { targets: [target] } : {}), ...(after !== undefined ? { after } : {}) }, (result) =>
        cutText(`${result.events.map((e) => describeEvent(e)).join('\n') || 'no events'}\n(next: ${result.cursor})`),
      ),
  );

  if (options.allowControl) {
    const targets = z.array(z.string()).min(1).describe('instances (web.1) or types (web)');
    server.registerTool(
      'restart',
      { title: 'Restart', description: 'Restarts instances, or every instance of types; a stopped one is started. Answers once the new processes started.', inputSchema: { targets } },
      ({ targets: names }) => ask<StatusResult>('restart', { targets: names }, (status) => summary(status, names)),
    );
    server.registerTool(
      'stop',
      { title: 'Stop', description: 'Stops instances, or every instance of types (SIGTERM, then SIGKILL after the timeout). Answers once they are gone.', inputSchema: { targets }, annotations: { destructiveHint: true } },
      ({ targets: names }) => ask<StatusResult>('stop', { targets: names }, (status) => summary(status, names)),
    );
    server.registerTool(
      'scale',
      {
        title: 'Scale',
        description: 'Sets how many instances of each named type run; new ones get foreman\'s next PORT, the highest-numbered stop first.',
        inputSchema: { counts: z.record(z.string(), z.number().int().min(0).max(100)).describe('e.g. {"web": 2, "worker": 0}') },
        annotations: { destructiveHint: true },
      },
      ({ counts }) => ask<StatusResult>('scale', { counts }, (status) => summary(status, Object.keys(counts))),
    );
  }

  await server.connect(new StdioServerTransport());
}

function instructions(options: McpOptions): string {
  const control = options.allowControl
    ? 'It may also restart, stop and scale them.'
    : 'It can read but not change anything: restart, stop and scale need `tfui mcp --allow-control`.';
  return `tfui runs the processes of ${options.project.shown} (a Procfile) in ${options.project.root}. This server reads its processes, their logs and the timeline of starts, exits and crashes. ${control}`;
}

function failure(text: string): ToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

function summary(status: StatusResult, names: readonly string[]): string {
  const touched = instancesNamed(status, names);
  const rows = touched.map((i) => `${i.id} ${i.state}${i.pid !== null ? ` pid ${i.pid}` : ''} PORT ${i.port}`);
  return rows.length > 0 ? rows.join('\n') : `${names.join(', ')}: no instances now`;
}

function logsText(result: LogsResult, paging: boolean): string {
  const several = new Set(result.lines.map((l) => l.instance)).size > 1 || Object.keys(result.cursors).length > 1;
  const show = (line: OutputLine) => (several ? `${line.instance} | ${line.text}` : line.text);
  let text = '';
  let shown = 0;
  for (const line of result.lines) {
    const next = `${show(line)}\n`;
    if (text.length + next.length > MAX_TEXT) break;
    text += next;
    shown += 1;
  }
  const cursors = { ...result.cursors };
  if (shown < result.lines.length) {
    // Cut for size: the cursor stops after the last line shown, as a page would.
    for (const id of Object.keys(cursors)) {
      const last = result.lines.slice(0, shown).filter((l) => l.instance === id).at(-1);
      const first = result.lines.find((l) => l.instance === id);
      if (paging || first) cursors[id] = last ? last.seq : first ? first.seq - 1 : (cursors[id] ?? 0);
    }
  }
  const skipped = Object.entries(result.skipped).map(([id, n]) => `${id}: ${n} lines were no longer kept`);
  const more = result.more || shown < result.lines.length ? ' (more after it: call again with this cursor)' : '';
  return `${text}${skipped.length > 0 ? `${skipped.join('\n')}\n` : ''}${text === '' ? '(no lines)\n' : ''}cursor: ${encodeCursor(cursors)}${more}`;
}

/** Lists end with the newest: past the cap, the oldest lines go. */
function cutText(text: string): string {
  if (text.length <= MAX_TEXT) return text;
  const kept = text.slice(text.length - MAX_TEXT);
  const start = kept.indexOf('\n') + 1;
  return `… ${text.length - kept.length + start} earlier characters left out\n${kept.slice(start)}`;
}

/** Cursors are per-instance line numbers; to an agent, one opaque word. */
function encodeCursor(cursors: Record<string, number>): string {
  return Buffer.from(JSON.stringify(cursors)).toString('base64url');
}

function decodeCursor(cursor: string): Record<string, number> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.every(([, n]) => Number.isInteger(n) && (n as number) >= 0) ? (value as Record<string, number>) : null;
  } catch {
    return null;
  }
}
