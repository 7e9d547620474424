import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { exists, groupExists } from './kill-probe.js';
import { carriersIn, LSOF_LISTENING_ARGS, parseLsofListening, parsePsList, psEnvironmentArgs, psListArgs } from './ps-output.js';
import type { Answer, ListeningPort, Platform } from './types.js';

/**
 * Any Unix without /proc (macOS, the BSDs), through the system's own `ps`
 * and `lsof`. Each question spawns a program (milliseconds), so it is asked
 * only while stopping or checking a port, never on the way to a start.
 */

/** A `ps` or `lsof` that hangs must not hold a stop: the stop's own deadline comes first anyway. */
const TOOL_TIMEOUT_MS = 2000;

type ToolResult = { ok: true; stdout: string } | { ok: false; why: string };

/** Runs a tool; `quietStatuses` are failures that mean "nothing found" when nothing went to stderr (lsof's 1). */
function runTool(file: string, args: readonly string[], quietStatuses: readonly number[] = []): Promise<ToolResult> {
  return new Promise((resolve) => {
    // LC_ALL=C: numbers and times in the forms the parsers read.
    execFile(file, args, { encoding: 'latin1', maxBuffer: 64 * 1024 * 1024, timeout: TOOL_TIMEOUT_MS, env: { ...process.env, LC_ALL: 'C' } }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      if (status === 0 || (status !== null && quietStatuses.includes(status) && stderr.trim() === '')) resolve({ ok: true, stdout });
      else resolve({ ok: false, why: `${file} failed: ${firstLine(stderr) || firstLine(error?.message ?? '') || `status ${status}`}` });
    });
  });
}

const firstLine = (text: string): string => text.trim().split('\n')[0] ?? '';

let pendingPorts: Promise<Answer<ListeningPort[]>> | undefined;

/** One lsof serves every lookup begun in the same turn of the event loop (a formation's start). */
function listeningTable(): Promise<Answer<ListeningPort[]>> {
  if (pendingPorts) return pendingPorts;
  const reading = new Promise<ToolResult>((resolve) => {
    // Spawned after this turn: the instances' own forks go first.
    setImmediate(() => resolve(runTool('lsof', LSOF_LISTENING_ARGS, [1])));
  }).then((result): Answer<ListeningPort[]> => (result.ok ? { known: true, value: parseLsofListening(result.stdout) } : { known: false, why: result.why }));
  pendingPorts = reading;
  queueMicrotask(() => {
    if (pendingPorts === reading) pendingPorts = undefined;
  });
  return reading;
}

const environmentArgs = psEnvironmentArgs(process.platform);

export const portable: Platform = {
  name: 'portable',
  shellCarrierFinder: environmentArgs ? { kind: 'ps', args: environmentArgs } : { kind: 'none' },
  async listProcesses(fields = []) {
    const result = await runTool('ps', psListArgs(fields));
    return result.ok ? { known: true, value: parsePsList(result.stdout, fields) } : { known: false, why: result.why };
  },
  async carryingVariable(name, value, among) {
    const args = environmentArgs;
    if (!args) return { known: false, why: `ps on ${process.platform} shows no process environments` };
    const result = await runTool('ps', args);
    if (!result.ok) return { known: false, why: result.why };
    const carriers = carriersIn(result.stdout, `${name}=${value}`);
    return { known: true, value: new Set(among.filter((pid) => carriers.has(pid))) };
  },
  isAlive: exists,
  isGroupAlive: groupExists,
  async listeningPorts(port) {
    // lsof on Linux reads /proc: without it, it finds nothing and says nothing.
    if (process.platform === 'linux' && !existsSync('/proc/self')) return { known: false, why: 'lsof cannot see sockets without /proc' };
    const table = await listeningTable();
    return table.known && port !== undefined ? { known: true, value: table.value.filter((entry) => entry.port === port) } : table;
  },
};
