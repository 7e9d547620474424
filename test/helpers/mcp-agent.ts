/**
 * An MCP client from the official SDK, as a coding agent is one, driving the
 * REAL built `tfui mcp` over stdio against a tfui in line mode (test/mcp).
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach, expect } from 'vitest';
import { startTfui, TFUI_BIN, type Running } from './cli.js';
import { killMatching, processesMatching, uniqueMarker } from './processes.js';
import { makeProject } from './project.js';
import { waitFor } from './wait-for.js';

export const READ_TOOLS = ['get_logs', 'get_timeline', 'list_processes', 'search_logs'];
export const CONTROL_TOOLS = ['restart', 'scale', 'stop'];

export interface Agent {
  client: Client;
  /** The `tfui mcp` process. */
  pid: number;
  stderr(): string;
}

let agents: Agent[] = [];
let tfuis: Running[] = [];
let markers: string[] = [];
let removers: Array<() => void> = [];

/** Registers the cleanup every MCP test needs: clients closed, tfui stopped, nothing left. */
export function useMcpCleanup(): void {
  afterEach(async () => {
    for (const agent of agents) await agent.client.close();
    for (const agent of agents) await waitFor(() => !isAlive(agent.pid), { timeoutMs: 5000, describe: () => `tfui mcp (pid ${agent.pid}) outlived its client` });
    for (const tfui of tfuis) {
      tfui.child.kill('SIGTERM');
      await Promise.race([tfui.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      tfui.child.kill('SIGKILL');
    }
    const left = markers.flatMap((marker) => processesMatching(marker));
    for (const marker of markers) killMatching(marker);
    for (const remove of removers) remove();
    agents = [];
    tfuis = [];
    markers = [];
    removers = [];
    expect(left, 'processes of the test outlived tfui').toEqual([]);
  });
}


/** A living (not zombie) process. */
export const isAlive = (pid: number): boolean => processesMatching('').includes(pid);

/** A temp project; MARKER in the Procfile becomes the test's marker. */
export function project(procfile: string): { dir: string; marker: string } {
  const marker = uniqueMarker('tfuimcp');
  markers.push(marker);
  const made = makeProject({ Procfile: procfile.replaceAll('MARKER', marker) });
  removers.push(made.remove);
  return { dir: made.dir, marker };
}

/** tfui in line mode (stdout a pipe), as `tfui start ARGS` in the project. */
export function startLineMode(dir: string, args: string[] = []): Running {
  const tfui = startTfui(['start', ...args], { cwd: dir });
  tfuis.push(tfui);
  return tfui;
}

/** An SDK client connected to `node bin/tfui.js mcp` run in `dir`. */
export async function connectAgent(dir: string, options: { allowControl?: boolean } = {}): Promise<Agent> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [TFUI_BIN, 'mcp', ...(options.allowControl ? ['--allow-control'] : [])],
    cwd: dir,
    // The test's own environment: the socket folder depends on XDG_RUNTIME_DIR and TMPDIR, as tfui's does.
    env: { ...(process.env as Record<string, string>) },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'tfui-test-agent', version: '1.0.0' });
  try {
    await client.connect(transport);
  } catch (error) {
    throw new Error(`the MCP client could not connect to tfui mcp: ${String(error)}\n--- tfui mcp stderr ---\n${stderr}`);
  }
  const agent: Agent = { client, pid: transport.pid as number, stderr: () => stderr };
  agents.push(agent);
  return agent;
}

export interface ToolAnswer {
  text: string;
  isError: boolean;
}

export async function call(agent: Agent, name: string, args: Record<string, unknown> = {}): Promise<ToolAnswer> {
  const result = await agent.client.callTool({ name, arguments: args });
  const content = result.content as Array<{ type: string; text?: string }>;
  expect(content.every((c) => c.type === 'text'), JSON.stringify(result)).toBe(true);
  return { text: content.map((c) => c.text ?? '').join('\n'), isError: result.isError === true };
}

/** A tool's answer that must not be an error. */
export async function ok(agent: Agent, name: string, args: Record<string, unknown> = {}): Promise<string> {
  const answer = await call(agent, name, args);
  expect(answer.isError, `${name} ${JSON.stringify(args)} answered an error: ${answer.text}`).toBe(false);
  return answer.text;
}

export interface InstanceRow {
  id: string;
  state: string;
  pid: number | null;
  port: number;
  restarts: number;
  lastExit: { code: number | null; signal: string | null } | null;
}

export async function listProcesses(agent: Agent): Promise<InstanceRow[]> {
  return (JSON.parse(await ok(agent, 'list_processes')) as { instances: InstanceRow[] }).instances;
}

/** Polls list_processes until these instances all run (tfui's socket may not be up at first). */
export async function waitUntilRunning(agent: Agent, ids: string[], tfui: Running): Promise<InstanceRow[]> {
  let last = '';
  return waitFor(
    async () => {
      const answer = await call(agent, 'list_processes');
      last = answer.text;
      if (answer.isError) return undefined;
      const rows = (JSON.parse(answer.text) as { instances: InstanceRow[] }).instances;
      return ids.every((id) => rows.some((r) => r.id === id && r.state === 'running' && r.pid !== null)) ? rows : undefined;
    },
    { timeoutMs: 15_000, intervalMs: 50, describe: () => `last list_processes: ${last}\n--- tfui stdout ---\n${tfui.stdout()}\n--- tfui stderr ---\n${tfui.stderr()}` },
  );
}

export interface LogsPage {
  lines: string[];
  cursor: string;
  more: boolean;
}

/** get_logs's text: the lines, then `cursor: X`, and ` (more after it…)` when the page was cut. */
export function parseLogs(text: string): LogsPage {
  const all = text.split('\n');
  const last = all.pop() ?? '';
  const match = /^cursor: (\S+)( \(more after it: call again with this cursor\))?$/.exec(last);
  expect(match, `no cursor line at the end of:\n${text}`).not.toBeNull();
  const lines = all.length === 1 && all[0] === '(no lines)' ? [] : all;
  return { lines, cursor: (match as RegExpExecArray)[1] as string, more: (match as RegExpExecArray)[2] !== undefined };
}

export async function getLogs(agent: Agent, args: Record<string, unknown>): Promise<LogsPage> {
  return parseLogs(await ok(agent, 'get_logs', args));
}

/** `line 17` → 17 (with an optional `ticker.2 | ` before it). */
export function numbers(lines: readonly string[], prefix = ''): number[] {
  return lines.map((line) => {
    const match = new RegExp(`^${prefix.replace(/[.|]/g, '\\$&')}line (\\d+)$`).exec(line);
    expect(match, `not a numbered line${prefix ? ` of ${prefix}` : ''}: ${JSON.stringify(line)}`).not.toBeNull();
    return Number((match as RegExpExecArray)[1]);
  });
}

export function expectConsecutive(values: readonly number[], what: string): void {
  const gaps = values.flatMap((v, i) => (i > 0 && v !== (values[i - 1] as number) + 1 ? [`${values[i - 1]} → ${v}`] : []));
  expect(gaps, `${what}: lines lost or repeated (${values.length} lines from ${values[0]})`).toEqual([]);
}

/** The newest `line N` an instance printed so far (0 before any), read without a cursor. */
export async function newestLine(agent: Agent, instance: string): Promise<number> {
  const page = await getLogs(agent, { target: instance, lines: 1 });
  return page.lines.length === 0 ? 0 : (numbers(page.lines)[0] as number);
}

// A process that prints `line 1`, `line 2`, … at a steady pace, for ever.
export const TICKER = `i=1; while :; do echo "line $i"; i=$((i+1)); sleep 0.01; done # MARKER`;
export const SLEEP = `exec perl -e 'sleep 1000' -- MARKER $PS`;
