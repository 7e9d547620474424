import { UserError } from '../config/index.js';
import { connectToProject, describeConnectError, instancesNamed, type ControlClient, type Frame, type LogsResult, type OutputLine, type StatusResult } from '../control/index.js';
import { linePrefix, typeColor } from '../output/index.js';
import { findProject } from './find-project.js';
import { formatStatus } from './status-table.js';

/** The verbs that drive a running tfui from another shell. */
export type RemoteVerb =
  | { verb: 'status'; json: boolean }
  | { verb: 'restart' | 'stop'; targets: string[] }
  | { verb: 'scale'; counts: Array<[string, number]> }
  | { verb: 'logs'; targets: string[]; lines: number | undefined; follow: boolean; grep: string | undefined }
  | { verb: 'quit' };

export interface RemoteIo {
  out(text: string): void;
  err(text: string): void;
  /** Colour for the log prefixes: stdout is a terminal and NO_COLOR is not set. */
  color: boolean;
  /** Resolves when the user interrupts a `logs -f` (Ctrl-C); asked for only by `logs -f`. */
  interrupted?: () => Promise<void>;
}

/** How long a verb waits for the running tfui to answer its hello. */
const CONNECT_TIMEOUT_MS = 1000;

/** Runs a verb against the project's running tfui; resolves with the exit status. */
export async function remoteCommand(command: RemoteVerb, flags: { procfile?: string | undefined; root?: string | undefined }, io: RemoteIo): Promise<number> {
  const project = findProject(flags, process.cwd());
  let client: ControlClient;
  try {
    client = await connectToProject(project, 'shell', CONNECT_TIMEOUT_MS);
  } catch (error) {
    throw describeConnectError(error, project.shown);
  }
  try {
    return await runVerb(client, command, io);
  } finally {
    client.close();
  }
}

async function runVerb(client: ControlClient, command: RemoteVerb, io: RemoteIo): Promise<number> {
  switch (command.verb) {
    case 'status': {
      const status = await client.request<StatusResult>('status');
      io.out(command.json ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status, Date.now()));
      return 0;
    }
    case 'restart':
    case 'stop': {
      const status = await client.request<StatusResult>(command.verb, { targets: command.targets });
      const touched = instancesNamed(status, command.targets);
      for (const instance of touched) {
        io.out(command.verb === 'restart' ? `${instance.id} restarted${instance.pid !== null ? ` (pid ${instance.pid})` : `: ${instance.state}`}\n` : `${instance.id} stopped\n`);
      }
      return 0;
    }
    case 'scale': {
      const status = await client.request<StatusResult>('scale', { counts: Object.fromEntries(command.counts) });
      for (const [type] of command.counts) {
        const count = status.formation.find((f) => f.processType === type)?.count ?? 0;
        io.out(`${type}: ${count} instance${count === 1 ? '' : 's'}\n`);
      }
      return 0;
    }
    case 'quit': {
      const closed = new Promise<void>((resolve) => client.onClose(() => resolve()));
      const { phase } = await client.request<{ phase: string }>('quit');
      io.out(phase === 'forced' ? `tfui (pid ${client.hello.pid}): killing every process\n` : `tfui (pid ${client.hello.pid}): stopping every process\n`);
      // Done when tfui has stopped everything and gone (its socket closes with it).
      await closed;
      io.out(`tfui (pid ${client.hello.pid}) has stopped\n`);
      return 0;
    }
    case 'logs':
      return logs(client, command, io);
  }
}

async function logs(client: ControlClient, command: Extract<RemoteVerb, { verb: 'logs' }>, io: RemoteIo): Promise<number> {
  const targets = command.targets;
  const grep = command.grep;
  const tail = await client.request<LogsResult>('logs', { targets, ...(command.lines !== undefined ? { limit: command.lines } : {}), ...(grep !== undefined ? { grep } : {}) });
  const status = await client.request<StatusResult>('status');
  const instances = Object.keys(tail.cursors);
  // One instance reads as its own output; several as foreman's prefixed lines.
  const prefixed = instances.length > 1;
  const types = new Map(status.formation.map((f, index) => [f.processType, index]));
  const width = Math.max(6, ...instances.map((id) => id.length));
  const print = (lines: readonly OutputLine[]) => {
    let text = '';
    for (const line of lines) {
      const type = line.instance.slice(0, line.instance.lastIndexOf('.'));
      text += prefixed ? `${linePrefix(line.instance, width, io.color ? typeColor(types.get(type) ?? 0) : null, new Date(line.at))}${line.text}\n` : `${line.text}\n`;
    }
    if (text !== '') io.out(text);
  };
  print(tail.lines);
  if (!command.follow) return 0;
  const ended = new Promise<number>((resolve) => {
    client.onFrame((frame: Frame) => {
      if ('type' in frame && frame.type === 'output') print(frame.lines);
      else if ('type' in frame && frame.type === 'dropped') io.err(`tfui: ${frame.count} lines were dropped: this reader fell behind\n`);
    });
    client.onClose((error) => {
      if (error) io.err(`tfui: tfui (pid ${client.hello.pid}) has stopped\n`);
      resolve(0);
    });
    void io.interrupted?.().then(() => resolve(0));
  });
  await client.request('subscribe', { output: { targets, after: tail.cursors, ...(grep !== undefined ? { grep } : {}) } });
  return ended;
}

/** `web=2,worker=0` as pairs; a UserError (usage) for anything else. */
export function parseScaleArguments(words: readonly string[]): Array<[string, number]> {
  const pairs: Array<[string, number]> = [];
  for (const part of words.flatMap((word) => word.split(',')).filter((p) => p !== '')) {
    const match = /^([A-Za-z0-9_-]+)=(\d+)$/.exec(part);
    if (!match) throw new UserError(`scale: expected TYPE=N, e.g. web=2 (got ${JSON.stringify(part)})`, 2);
    pairs.push([match[1] as string, Number(match[2])]);
  }
  if (pairs.length === 0) throw new UserError('scale: expected TYPE=N[,TYPE=N...], e.g. web=2', 2);
  return pairs;
}
